// What a CSV column can be imported as, and which header names (English and Chinese, as other CRMs
// and spreadsheets write them) are guessed to mean which field. Shared by the server (mapping,
// validation) and the browser (the mapping step's selects), so no database access here.

export const IMPORT_KINDS = ["customers", "contacts"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const CUSTOMER_IMPORT_FIELDS = [
  "name",
  "industry",
  "size",
  "website",
  "phone",
  "addressLine",
  "city",
  "region",
  "postalCode",
  "country",
  "status",
  "source",
  "tags",
  "owner",
  "notes",
] as const;

export const CONTACT_IMPORT_FIELDS = ["customer", "name", "title", "email", "phone", "mobile", "preferredChannel", "notes"] as const;

export type ImportField = (typeof CUSTOMER_IMPORT_FIELDS)[number] | (typeof CONTACT_IMPORT_FIELDS)[number];

/** Per column: the field it fills, or null to ignore the column. */
export type ColumnMapping = (ImportField | null)[];

export function importFields(kind: ImportKind): readonly ImportField[] {
  return kind === "customers" ? CUSTOMER_IMPORT_FIELDS : CONTACT_IMPORT_FIELDS;
}

export function requiredFields(kind: ImportKind): readonly ImportField[] {
  return kind === "customers" ? ["name"] : ["customer", "name"];
}

// Header spellings, compared after lowercasing and removing spaces, underscores, dashes, dots and
// "*" (the "required" marker some templates carry).
const CUSTOMER_HEADERS: Record<(typeof CUSTOMER_IMPORT_FIELDS)[number], string[]> = {
  name: ["name", "company", "companyname", "customer", "customername", "account", "accountname", "organization", "organisation", "名称", "公司", "公司名称", "客户", "客户名称", "企业名称", "单位名称"],
  industry: ["industry", "sector", "行业", "所属行业"],
  size: ["size", "companysize", "employees", "headcount", "规模", "公司规模", "人员规模", "员工人数"],
  website: ["website", "web", "url", "homepage", "site", "网站", "网址", "官网", "公司网站"],
  phone: ["phone", "telephone", "tel", "phonenumber", "mainphone", "电话", "联系电话", "公司电话", "座机", "电话号码"],
  addressLine: ["address", "addressline", "street", "streetaddress", "地址", "详细地址", "街道", "公司地址"],
  city: ["city", "town", "城市", "市"],
  region: ["region", "state", "province", "county", "省", "省份", "地区", "州"],
  postalCode: ["postalcode", "postcode", "zip", "zipcode", "邮编", "邮政编码"],
  country: ["country", "countrycode", "国家", "国家地区", "国家/地区"],
  status: ["status", "customerstatus", "状态", "客户状态"],
  source: ["source", "leadsource", "channel", "来源", "客户来源", "线索来源"],
  tags: ["tags", "tag", "labels", "label", "标签"],
  owner: ["owner", "accountowner", "salesrep", "assignedto", "负责人", "销售负责人", "所有者", "跟进人"],
  notes: ["notes", "note", "description", "comments", "remarks", "备注", "说明", "描述"],
};

const CONTACT_HEADERS: Record<(typeof CONTACT_IMPORT_FIELDS)[number], string[]> = {
  customer: ["customer", "company", "companyname", "customername", "account", "accountname", "organization", "organisation", "customerid", "客户", "客户名称", "公司", "公司名称", "所属客户", "所属公司", "单位"],
  name: ["name", "contact", "contactname", "fullname", "person", "姓名", "联系人", "联系人姓名", "名字"],
  title: ["title", "jobtitle", "position", "role", "职位", "职务", "头衔"],
  email: ["email", "emailaddress", "mail", "e-mail", "邮箱", "电子邮件", "电子邮箱", "邮件"],
  phone: ["phone", "telephone", "tel", "workphone", "officephone", "电话", "座机", "办公电话", "联系电话"],
  mobile: ["mobile", "mobilephone", "cell", "cellphone", "手机", "手机号", "手机号码", "移动电话"],
  preferredChannel: ["preferredchannel", "channel", "contactpreference", "首选联系方式", "联系方式偏好", "偏好渠道"],
  notes: ["notes", "note", "description", "comments", "remarks", "备注", "说明", "描述"],
};

export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[\s_\-.*:：()（）]/g, "");
}

/** A field per column guessed from its header; each field is used at most once (first column wins). */
export function guessMapping(kind: ImportKind, header: readonly string[]): ColumnMapping {
  const table = (kind === "customers" ? CUSTOMER_HEADERS : CONTACT_HEADERS) as Record<string, string[]>;
  const lookup = new Map<string, ImportField>();
  for (const [field, names] of Object.entries(table)) for (const name of names) if (!lookup.has(headerKey(name))) lookup.set(headerKey(name), field as ImportField);
  const used = new Set<ImportField>();
  return header.map((column) => {
    const field = lookup.get(headerKey(column));
    if (!field || used.has(field)) return null;
    used.add(field);
    return field;
  });
}

export type MappingProblem = { key: "importFieldMissing"; field: ImportField } | { key: "importFieldTwice"; field: ImportField };

/** What is wrong with a mapping: a required field without a column, or a field given two columns. */
export function mappingProblems(kind: ImportKind, mapping: ColumnMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const seen = new Set<ImportField>();
  for (const field of mapping) {
    if (!field) continue;
    if (seen.has(field)) problems.push({ key: "importFieldTwice", field });
    seen.add(field);
  }
  for (const field of requiredFields(kind)) if (!seen.has(field)) problems.push({ key: "importFieldMissing", field });
  return problems;
}
