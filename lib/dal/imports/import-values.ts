import { COMPANY_SIZES, CUSTOMER_STATUSES, INDUSTRIES, SOURCES } from "@/lib/validation/customer";
import { PREFERRED_CHANNELS } from "@/lib/validation/contact";

// Values of the fixed lists as people type them in spreadsheets: the stored code in any case and
// spacing ("Real estate" → realEstate, "cold call" → coldCall), the English label, or the Chinese
// name a Chinese-language CRM export uses. Anything else is left as typed, so the schema rejects it
// with its own message naming the field.

const squash = (value: string) => value.toLowerCase().replace(/[\s_\-/&]+/g, "");

function table(codes: readonly string[], synonyms: Record<string, string[]>): Map<string, string> {
  const map = new Map<string, string>();
  for (const code of codes) map.set(squash(code), code);
  for (const [code, words] of Object.entries(synonyms)) for (const word of words) map.set(squash(word), code);
  return map;
}

const STATUS = table(CUSTOMER_STATUSES, {
  LEAD: ["lead", "prospect", "potential", "潜在客户", "潜在", "线索", "意向客户"],
  ACTIVE: ["active", "customer", "current", "活跃", "正式客户", "成交客户", "合作中", "有效"],
  INACTIVE: ["inactive", "former", "churned", "dormant", "不活跃", "停用", "流失", "无效", "流失客户"],
});

const INDUSTRY = table(INDUSTRIES, {
  technology: ["tech", "it", "software", "internet", "科技", "技术", "互联网", "软件", "信息技术", "it服务"],
  manufacturing: ["制造", "制造业", "工业"],
  retail: ["零售", "零售业"],
  wholesale: ["批发", "批发业", "贸易"],
  finance: ["financial services", "banking", "insurance", "金融", "银行", "保险", "金融服务"],
  healthcare: ["health", "medical", "医疗", "医疗健康", "医药", "健康"],
  education: ["教育", "培训", "教育培训"],
  government: ["public sector", "政府", "政府机构", "公共事业"],
  hospitality: ["hotel", "restaurant", "酒店", "餐饮", "酒店餐饮", "旅游"],
  logistics: ["transport", "transportation", "shipping", "物流", "运输", "交通运输"],
  construction: ["建筑", "建筑业", "工程"],
  realEstate: ["real estate", "property", "房地产", "地产"],
  media: ["publishing", "entertainment", "媒体", "传媒", "文化传媒", "娱乐"],
  professionalServices: ["professional services", "consulting", "legal", "accounting", "专业服务", "咨询", "法律", "会计"],
  energy: ["utilities", "oil and gas", "能源", "电力", "石油"],
  agriculture: ["farming", "农业", "农林牧渔"],
  nonprofit: ["non-profit", "ngo", "charity", "非营利", "公益", "非营利组织"],
  other: ["其他", "其它"],
});

const SIZE = table(COMPANY_SIZES, {
  "1-10": ["1~10", "1至10", "1-10人", "10人以下"],
  "11-50": ["11~50", "11至50", "11-50人"],
  "51-200": ["51~200", "51至200", "51-200人"],
  "201-1000": ["201~1000", "201至1000", "201-1000人"],
  "1001-5000": ["1001~5000", "1001至5000", "1001-5000人"],
  "5000+": ["5001+", "5000以上", "5000人以上", ">5000", "over 5000"],
});

const SOURCE = table(SOURCES, {
  website: ["web", "官网", "网站", "网络"],
  referral: ["推荐", "转介绍", "介绍", "客户推荐"],
  event: ["trade show", "conference", "exhibition", "展会", "活动", "会议"],
  coldCall: ["cold call", "outbound", "电话", "陌拜", "电话营销", "陌生拜访"],
  advertising: ["ads", "ad", "广告", "广告投放"],
  partner: ["partners", "合作伙伴", "渠道", "代理商"],
  socialMedia: ["social", "social media", "社交媒体", "微信", "微博", "社媒"],
  import: ["导入"],
  other: ["其他", "其它"],
});

const CHANNEL = table(PREFERRED_CHANNELS, {
  email: ["e-mail", "mail", "邮件", "邮箱", "电子邮件"],
  phone: ["call", "telephone", "电话"],
  sms: ["text", "短信", "text message"],
  meeting: ["in person", "visit", "见面", "会议", "拜访", "面谈"],
});

const TABLES = { status: STATUS, industry: INDUSTRY, size: SIZE, source: SOURCE, preferredChannel: CHANNEL } as const;

/** The stored code for a typed list value, or the value itself (trimmed) when it names none. */
export function listValue(list: keyof typeof TABLES, typed: string): string {
  const trimmed = typed.trim();
  if (!trimmed) return "";
  return TABLES[list].get(squash(trimmed)) ?? trimmed;
}

/** Chinese and other spreadsheets separate tags with ；、| too; the schema splits on commas. */
export function tagsValue(typed: string): string {
  return typed.replace(/[;；、|，]/g, ",");
}
