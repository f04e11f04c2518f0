import type { StageKind } from "@/lib/generated/prisma/enums";

// The pipeline a new workspace starts with. Stage names are data (each workspace renames them), so
// they are written once in the language of the person who signs up.
const DEFAULTS: { en: string; zh: string; probability: number; kind: StageKind }[] = [
  { en: "Qualification", zh: "资格确认", probability: 10, kind: "OPEN" },
  { en: "Needs analysis", zh: "需求分析", probability: 25, kind: "OPEN" },
  { en: "Proposal", zh: "方案报价", probability: 50, kind: "OPEN" },
  { en: "Negotiation", zh: "商务谈判", probability: 75, kind: "OPEN" },
  { en: "Won", zh: "赢单", probability: 100, kind: "WON" },
  { en: "Lost", zh: "输单", probability: 0, kind: "LOST" },
];

export function defaultStages(locale: string | null | undefined) {
  const chinese = (locale ?? "").toLowerCase().startsWith("zh");
  return DEFAULTS.map((stage, index) => ({
    name: chinese ? stage.zh : stage.en,
    probability: stage.probability,
    kind: stage.kind,
    position: (index + 1) * 10,
  }));
}
