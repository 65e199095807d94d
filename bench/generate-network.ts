/**
 * A seeded generator of a realistic organisation network that conforms to the news schema
 * (core/schema/news-schema.ts), for benchmarks and tests: a Region hierarchy (provinces → prefectures →
 * districts), organisations (most of the nodes) located in districts and nested under parent
 * bodies, alliances spanning regions, reporters and their articles, events, and COOPERATES_WITH
 * links with heavily skewed degrees (Zipf: a few hubs with thousands of links).
 *
 * Same seed and sizes → the same data set, byte for byte. Every relationship respects the
 * from/to labels of the news schema, carries evidence (a generated sentence) and the id of an
 * existing Article, and no (start, type, end) occurs twice.
 */
import type {
  Dataset,
  NodeLabel,
  NodeRecord,
  Properties,
  RelationshipRecord,
  RelationshipType,
} from "../core/model.ts";
import { NEWS_RELATIONSHIP_TYPES as RELATIONSHIP_TYPES } from "../core/schema/news-schema.ts";

export interface NetworkOptions {
  seed?: number;
  /** Nodes to generate (exactly). At least 200. */
  nodes?: number;
  /** Relationships to generate (exactly, given enough nodes). */
  relationships?: number;
}

export const DEFAULT_NODES = 100_000;
export const DEFAULT_RELATIONSHIPS = 500_000;

// ---------------------------------------------------------------------------------------------
// Randomness: mulberry32, plus Zipf and weighted choices on top of it.

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[randInt(rng, items.length)]!;
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randInt(rng, i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Samples items with probability ∝ 1 / rank^s, rank being the position in `items` (1-based). */
class Zipf<T> {
  private readonly cdf: Float64Array;
  constructor(
    private readonly items: readonly T[],
    s: number,
  ) {
    if (items.length === 0) throw new Error("Zipf over no items");
    this.cdf = new Float64Array(items.length);
    let sum = 0;
    for (let k = 0; k < items.length; k++) {
      sum += 1 / Math.pow(k + 1, s);
      this.cdf[k] = sum;
    }
    for (let k = 0; k < items.length; k++) this.cdf[k]! /= sum;
  }
  sample(rng: Rng): T {
    const u = rng();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return this.items[lo]!;
  }
}

function weighted<T>(rng: Rng, choices: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of choices) total += w;
  let u = rng() * total;
  for (const [value, w] of choices) {
    u -= w;
    if (u < 0) return value;
  }
  return choices[choices.length - 1]![0];
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: Chinese-looking names with an English rendering.

type Term = readonly [zh: string, en: string];

/** Parses "中 en, 文 en" (or "中文 = English, …" when the English has spaces) into terms. */
function terms(text: string): Term[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const sep = item.includes(" = ") ? " = " : " ";
      const at = item.indexOf(sep);
      return [item.slice(0, at), item.slice(at + sep.length)] as const;
    });
}

const PLACE_SYLLABLES = terms(`
  安 an, 宁 ning, 平 ping, 阳 yang, 江 jiang, 山 shan, 河 he, 东 dong, 西 xi, 南 nan, 北 bei, 川 chuan,
  海 hai, 城 cheng, 清 qing, 丰 feng, 华 hua, 兴 xing, 昌 chang, 德 de, 广 guang, 泰 tai, 临 lin, 沂 yi,
  通 tong, 州 zhou, 武 wu, 廊 lang, 坊 fang, 大 da, 顺 shun, 密 mi, 云 yun, 怀 huai, 柔 rou, 延 yan,
  庆 qing, 石 shi, 景 jing, 门 men, 房 fang, 良 liang, 新 xin, 建 jian, 长 chang, 春 chun, 吉 ji, 林 lin,
  龙 long, 凤 feng, 岳 yue, 湘 xiang, 潭 tan, 衡 heng, 桂 gui, 柳 liu, 永 yong, 嘉 jia, 金 jin, 玉 yu,
  宝 bao, 汉 han, 中 zhong, 商 shang, 洛 luo, 青 qing, 黄 huang, 白 bai, 银 yin, 定 ding, 保 bao,
  沧 cang, 邢 xing, 承 cheng, 秦 qin, 唐 tang, 溪 xi, 峰 feng, 岭 ling, 湖 hu, 泉 quan, 源 yuan, 丹 dan,
  乐 le
`);

const INDUSTRIES = terms(`
  建筑 = Construction, 交通 = Transport, 电力 = Power, 机械 = Machinery, 化工 = Chemical, 纺织 = Textile,
  餐饮 = Catering, 物流 = Logistics, 信息 = Information, 医疗 = Healthcare, 教育 = Education,
  金融 = Finance, 农业 = Agriculture, 冶金 = Metallurgy, 电子 = Electronics, 汽车 = Automotive,
  旅游 = Tourism, 环卫 = Sanitation, 邮政 = Postal, 能源 = Energy
`);

const BRAND_SYLLABLES = terms(`
  华 hua, 鑫 xin, 盛 sheng, 达 da, 恒 heng, 远 yuan, 宏 hong, 隆 long, 瑞 rui, 祥 xiang, 联 lian,
  创 chuang, 科 ke, 万 wan, 金 jin, 泰 tai, 信 xin, 博 bo
`);

const DEPARTMENTS = terms(`
  人力资源和社会保障局 = Human Resources and Social Security Bureau, 教育委员会 = Education Commission,
  发展和改革委员会 = Development and Reform Commission, 科学技术局 = Science and Technology Bureau,
  住房和城乡建设委员会 = Housing and Urban-Rural Development Commission, 交通委员会 = Transport Commission
`);

const SURNAMES = terms(`
  王 Wang, 李 Li, 张 Zhang, 刘 Liu, 陈 Chen, 杨 Yang, 赵 Zhao, 黄 Huang, 周 Zhou, 吴 Wu, 徐 Xu, 孙 Sun,
  胡 Hu, 朱 Zhu, 高 Gao, 林 Lin, 何 He, 郭 Guo, 马 Ma, 罗 Luo
`);

const GIVEN = terms(`
  晶 jing, 伟 wei, 芳 fang, 娜 na, 敏 min, 静 jing, 丽 li, 强 qiang, 磊 lei, 军 jun, 洋 yang, 勇 yong,
  艳 yan, 杰 jie, 娟 juan, 涛 tao, 明 ming, 超 chao, 秀 xiu, 霞 xia, 平 ping, 刚 gang, 英 ying, 华 hua,
  文 wen, 辉 hui, 红 hong, 玲 ling, 鹏 peng, 雪 xue
`);

const EVENT_KINDS: readonly (readonly [kind: string, zh: string, en: string])[] = [
  ["competition", "职工职业技能大赛", "Employee Vocational Skills Competition"],
  ["ceremony", "劳模表彰大会", "Model Worker Commendation Ceremony"],
  ["campaign", "安全生产月活动", "Work Safety Month Campaign"],
  ["activity", "职工健步走活动", "Employee Walking Activity"],
  ["selection", "首都工匠评选", "Craftsman Selection"],
  ["activity", "送温暖活动", "Winter Warmth Visits"],
  ["competition", "班组长技能比武", "Team Leader Skills Contest"],
];

const ARTICLE_TOPICS = terms(`
  举办职工技能大赛 = holds employee skills competition, 新增创新工作室 = adds innovation studios,
  推进产业工人队伍建设改革 = advances industrial workforce reform, 开展送温暖活动 = runs winter warmth visits,
  表彰劳动模范 = honours model workers, 签署协同发展协议 = signs coordinated development agreement,
  建成首都工匠学院 = opens craftsman college, 组织青年职工联谊 = hosts young employees' mixer
`);

const SECTIONS = ["要闻", "基层动态", "他山之石", "工匠风采", "职工天地"] as const;
const PUBLICATIONS = ["劳动午报", "工人日报", "北京日报"] as const;
const DESIGNATIONS = ["首都工匠学院", "劳模创新工作室", "职工创新工作室", "技能大师工作室", "模范职工之家"];

const ORG_KIND_WEIGHTS: readonly (readonly [string, number])[] = [
  ["company", 34],
  ["union", 15],
  ["department", 7],
  ["government", 3],
  ["school", 8],
  ["college", 4],
  ["training-centre", 5],
  ["media", 3],
  ["association", 7],
  ["studio", 11],
  ["other", 3],
];

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

// ---------------------------------------------------------------------------------------------
// The generator.

interface Place {
  zh: string;
  en: string;
}

/** Node arrays by global index; relationships refer to nodes by index until the end. */
class Builder {
  readonly nodes: NodeRecord[] = [];
  readonly relationships: RelationshipRecord[] = [];
  readonly names: string[] = [];
  private readonly seen = new Set<number>();
  private readonly typeIndex = new Map<RelationshipType, number>(RELATIONSHIP_TYPES.map((t, i) => [t, i]));
  articles: number[] = [];

  constructor(readonly capacity: number) {}

  addNode(label: NodeLabel, id: string, name: string, nameEn: string, extra: Properties = {}): number {
    const index = this.nodes.length;
    this.nodes.push({ labels: [label], id, properties: { id, name, nameEn, ...extra } });
    this.names.push(name);
    return index;
  }

  has(type: RelationshipType, a: number, b: number): boolean {
    return this.seen.has((this.typeIndex.get(type)! * this.capacity + a) * this.capacity + b);
  }

  /** Adds a relationship unless it is a loop or already there; true when added. */
  addRel(
    type: RelationshipType,
    a: number,
    b: number,
    article: number,
    evidence: string[],
    extra: Properties = {},
  ): boolean {
    if (a === b) return false;
    const key = (this.typeIndex.get(type)! * this.capacity + a) * this.capacity + b;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    const source = this.nodes[article]!.id;
    this.relationships.push({
      type,
      start: this.nodes[a]!.id,
      end: this.nodes[b]!.id,
      startLabel: this.nodes[a]!.labels[0]!,
      endLabel: this.nodes[b]!.labels[0]!,
      properties: { ...extra },
      supports: evidence.map((quote) => ({ article: source, quote })),
    });
    return true;
  }
}

/** Generates the network. Deterministic for a given seed and sizes. */
export function generateNetwork(options: NetworkOptions = {}): Dataset {
  const seed = options.seed ?? 1;
  const totalNodes = options.nodes ?? DEFAULT_NODES;
  const totalRels = options.relationships ?? DEFAULT_RELATIONSHIPS;
  if (!Number.isSafeInteger(totalNodes) || totalNodes < 200) throw new Error("nodes must be at least 200");
  if (!Number.isSafeInteger(totalRels) || totalRels < 0) throw new Error("relationships must be ≥ 0");
  const rng = mulberry32(seed);
  const b = new Builder(totalNodes);

  // --- sizes
  const regionCount = Math.max(12, Math.round(totalNodes * 0.027));
  const provinceCount = Math.min(34, Math.max(2, Math.round(regionCount / 80)));
  const prefectureCount = Math.max(provinceCount * 2, Math.round(regionCount * 0.12));
  const districtCount = regionCount - provinceCount - prefectureCount;
  const allianceCount = Math.max(3, Math.round(totalNodes * 0.005));
  const personCount = Math.max(5, Math.round(totalNodes * 0.05));
  const eventCount = Math.max(5, Math.round(totalNodes * 0.06));
  const articleCount = Math.max(10, Math.round(totalNodes * 0.12));
  const orgCount = totalNodes - regionCount - allianceCount - personCount - eventCount - articleCount;

  // --- place names: unique two-syllable names, in a seeded order
  const places: Place[] = [];
  for (const x of PLACE_SYLLABLES)
    for (const y of PLACE_SYLLABLES)
      if (x !== y) places.push({ zh: x[0] + y[0], en: capitalise(x[1] + y[1]) });
  shuffle(rng, places);
  let placeCursor = 0;
  const nextPlace = (): Place => places[placeCursor++ % places.length]!;

  // --- regions
  const provinces: number[] = [];
  const prefectures: number[] = [];
  const districts: number[] = [];
  const regionPlace = new Map<number, Place>();
  const parentRegion = new Map<number, number>();
  for (let i = 0; i < provinceCount; i++) {
    const p = nextPlace();
    const municipality = i < 2;
    const zh = p.zh + (municipality ? "市" : "省");
    const en = `${p.en} ${municipality ? "Municipality" : "Province"}`;
    const idx = b.addNode("Region", `region:${slug(p.en)}-${i}`, zh, en, {
      level: municipality ? "municipality" : "province",
    });
    provinces.push(idx);
    regionPlace.set(idx, { zh, en });
  }
  for (let i = 0; i < prefectureCount; i++) {
    const p = nextPlace();
    const zh = `${p.zh}市`;
    const en = `${p.en} City`;
    const idx = b.addNode("Region", `region:${slug(p.en)}-${provinceCount + i}`, zh, en, {
      level: "prefecture",
      ...(rng() < 0.2 ? { aliases: [p.zh] } : {}),
    });
    prefectures.push(idx);
    regionPlace.set(idx, { zh, en });
    parentRegion.set(idx, i < provinceCount ? provinces[i]! : pick(rng, provinces));
  }
  for (let i = 0; i < districtCount; i++) {
    const p = nextPlace();
    const county = rng() < 0.3;
    const zh = p.zh + (county ? "县" : "区");
    const en = `${p.en} ${county ? "County" : "District"}`;
    const idx = b.addNode("Region", `region:${slug(p.en)}-${provinceCount + prefectureCount + i}`, zh, en, {
      level: county ? "county" : "district",
    });
    districts.push(idx);
    regionPlace.set(idx, { zh, en });
    parentRegion.set(idx, i < prefectureCount ? prefectures[i]! : pick(rng, prefectures));
  }
  const provinceOf = (region: number): number => {
    let r = region;
    while (parentRegion.has(r)) r = parentRegion.get(r)!;
    return r;
  };

  // --- organisations: top bodies of every province and prefecture first (the hubs), then the rest
  const orgKind: string[] = [];
  const orgRegion = new Map<number, number>();
  const orgs: number[] = [];
  const media: number[] = [];
  const unionOf = new Map<number, number>();
  const governmentOf = new Map<number, number>();
  const orgParent = new Map<number, number>();
  const addOrg = (kind: string, region: number, zh: string, en: string, extra: Properties = {}): number => {
    const idx = b.addNode("Organisation", `org:${slug(en)}-${orgs.length}`, zh, en, { kind, ...extra });
    orgs.push(idx);
    orgKind[idx] = kind;
    orgRegion.set(idx, region);
    if (kind === "media") media.push(idx);
    return idx;
  };
  for (const region of [...provinces, ...prefectures]) {
    const place = regionPlace.get(region)!;
    const short = place.zh.slice(0, -1);
    const union = addOrg("union", region, `${place.zh}总工会`, `${place.en} Federation of Trade Unions`, {
      aliases: [`${short}总工会`],
      description: `The federation of trade unions of ${place.en}.`,
    });
    const gov = addOrg("government", region, `${place.zh}人民政府`, `${place.en} People's Government`);
    unionOf.set(region, union);
    governmentOf.set(region, gov);
    const parent = parentRegion.get(region);
    if (parent !== undefined) {
      orgParent.set(union, unionOf.get(parent)!);
      orgParent.set(gov, governmentOf.get(parent)!);
    } else {
      addOrg("media", region, `${short}日报社`, `${place.en} Daily`, { aliases: [`${short}日报`] });
    }
  }
  const topBodies = orgs.length;
  if (orgCount < topBodies + 10) throw new Error("too few nodes for the region hierarchy");
  const districtZipf = new Zipf(shuffle(rng, [...districts]), 0.5);
  while (orgs.length < orgCount) {
    const district = districtZipf.sample(rng);
    const place = regionPlace.get(district)!;
    const kind = weighted(rng, ORG_KIND_WEIGHTS);
    const [indZh, indEn] = pick(rng, INDUSTRIES);
    let zh: string;
    let en: string;
    const extra: Properties = {};
    switch (kind) {
      case "union":
        zh = `${place.zh}${indZh}工会`;
        en = `${place.en} ${indEn} Trade Union`;
        break;
      case "department": {
        const [dZh, dEn] = pick(rng, DEPARTMENTS);
        zh = place.zh + dZh;
        en = `${place.en} ${dEn}`;
        break;
      }
      case "government":
        zh = `${place.zh}${pick(rng, ["街道办事处", "乡人民政府", "镇人民政府"])}`;
        en = `${place.en} Sub-district Office`;
        break;
      case "school": {
        const n = 1 + randInt(rng, 12);
        zh = `${place.zh}第${n}职业学校`;
        en = `${place.en} No. ${n} Vocational School`;
        break;
      }
      case "college":
        zh = `${place.zh}${indZh}职业技术学院`;
        en = `${place.en} ${indEn} Vocational and Technical College`;
        break;
      case "training-centre":
        zh = `${place.zh}${indZh}培训中心`;
        en = `${place.en} ${indEn} Training Centre`;
        break;
      case "media":
        zh = `${place.zh}融媒体中心`;
        en = `${place.en} Media Centre`;
        break;
      case "association":
        zh = `${place.zh}${indZh}协会`;
        en = `${place.en} ${indEn} Association`;
        break;
      case "studio": {
        const [sZh, sEn] = pick(rng, SURNAMES);
        const [gZh, gEn] = pick(rng, GIVEN);
        zh = `${sZh}${gZh}劳模创新工作室`;
        en = `${sEn} ${capitalise(gEn)} Model Worker Innovation Studio`;
        break;
      }
      case "company": {
        const [x, y] = [pick(rng, BRAND_SYLLABLES), pick(rng, BRAND_SYLLABLES)];
        zh = `${place.zh}${x[0]}${y[0]}${indZh}有限公司`;
        en = `${place.en} ${capitalise(x[1] + y[1])} ${indEn} Co., Ltd.`;
        if (rng() < 0.3) extra.aliases = [`${x[0]}${y[0]}${indZh}`, `${x[0]}${y[0]}公司`];
        break;
      }
      default:
        zh = `${place.zh}${indZh}职工服务站`;
        en = `${place.en} ${indEn} Employee Service Station`;
        if (rng() < 0.3) {
          extra.count = 2 + randInt(rng, 40);
          zh = `${extra.count}家${zh}`;
          en = `${extra.count} ${en}s`;
        }
    }
    if (rng() < 0.1)
      extra.description = `A ${kind} in ${place.en}, listed as "model unit" in ${2015 + randInt(rng, 10)}.`;
    const idx = addOrg(kind, district, zh, en, extra);
    const prefecture = parentRegion.get(district)!;
    if (kind === "union" && rng() < 0.7) orgParent.set(idx, unionOf.get(prefecture)!);
    else if (kind === "department" && rng() < 0.8) orgParent.set(idx, governmentOf.get(prefecture)!);
    else if (orgs.length > topBodies + 1 && rng() < (kind === "studio" ? 0.5 : 0.15)) {
      orgParent.set(idx, orgs[topBodies + randInt(rng, orgs.length - 1 - topBodies)]!);
    }
  }
  if (media.length === 0) throw new Error("no media organisation");
  // Prominence: top bodies first, the rest in a seeded order. Zipf over it makes the hubs.
  const prominent = [...orgs.slice(0, topBodies), ...shuffle(rng, orgs.slice(topBodies))];
  const orgZipf = new Zipf(prominent, 0.9);
  const orgZipfMild = new Zipf(prominent, 0.6);
  const topZipf = new Zipf(orgs.slice(0, topBodies), 0.8);

  // --- alliances
  const alliances: number[] = [];
  const allianceRegions = new Map<number, number[]>();
  for (let i = 0; i < allianceCount; i++) {
    const [indZh, indEn] = pick(rng, INDUSTRIES);
    const covered = [pick(rng, prefectures), pick(rng, prefectures), pick(rng, prefectures)];
    const [p, q] = covered.map((r) => regionPlace.get(r)!) as [Place, Place];
    const year = 2005 + randInt(rng, 20);
    const isStudio = rng() < 0.5;
    const zh = isStudio
      ? `“${p.zh.slice(0, 1)}${q.zh.slice(0, 1)}”${indZh}劳模和工匠人才创新工作室联盟`
      : `${p.zh}${q.zh}${indZh}职业教育联盟`;
    const en = isStudio
      ? `${p.en}–${q.en} ${indEn} Model Worker and Craftsman Innovation Studio Alliance`
      : `${p.en}–${q.en} ${indEn} Vocational Education Alliance`;
    const idx = b.addNode("Alliance", `alliance:${slug(en)}-${i}`, zh, en, {
      foundedYear: year,
      ...(rng() < 0.6 ? { foundedMonth: 1 + randInt(rng, 12) } : {}),
    });
    alliances.push(idx);
    allianceRegions.set(idx, covered);
  }
  const allianceZipf = new Zipf(alliances, 0.8);

  // --- persons (reporters and photographers)
  const persons: number[] = [];
  const personRole: string[] = [];
  for (let i = 0; i < personCount; i++) {
    const [sZh, sEn] = pick(rng, SURNAMES);
    const given = rng() < 0.6 ? [pick(rng, GIVEN), pick(rng, GIVEN)] : [pick(rng, GIVEN)];
    const zh = sZh + given.map((g) => g[0]).join("");
    const en = `${sEn} ${capitalise(given.map((g) => g[1]).join(""))}`;
    const role = rng() < 0.8 ? "reporter" : "photographer";
    const idx = b.addNode("Person", `person:${slug(en)}-${i}`, zh, en, { role });
    persons.push(idx);
    personRole[idx] = role;
  }
  const personZipf = new Zipf(persons, 0.5);

  // --- events
  const events: number[] = [];
  const eventYear: number[] = [];
  for (let i = 0; i < eventCount; i++) {
    const [kind, kZh, kEn] = pick(rng, EVENT_KINDS);
    const region = rng() < 0.3 ? pick(rng, prefectures) : districtZipf.sample(rng);
    const place = regionPlace.get(region)!;
    const year = 2015 + randInt(rng, 11);
    const extra: Properties = { kind, year };
    if (rng() < 0.4) {
      const m = 1 + randInt(rng, 12);
      const d = 1 + randInt(rng, 28);
      extra.date = `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    }
    const idx = b.addNode(
      "Event",
      `event:${year}-${slug(kind)}-${i}`,
      `${year}年${place.zh}${kZh}`,
      `${year} ${place.en} ${kEn}`,
      extra,
    );
    events.push(idx);
    eventYear[idx] = year;
    orgRegion.set(idx, region);
  }
  const eventZipf = new Zipf(shuffle(rng, [...events]), 0.7);

  // --- articles
  const articles: number[] = [];
  for (let i = 0; i < articleCount; i++) {
    const region = rng() < 0.5 ? pick(rng, prefectures) : pick(rng, districts);
    const place = regionPlace.get(region)!;
    const [tZh, tEn] = pick(rng, ARTICLE_TOPICS);
    const year = 2015 + randInt(rng, 11);
    const title = `${place.zh}${tZh}`;
    const titleEn = `${place.en} ${tEn}`;
    const idx = b.addNode("Article", `article:${year}-${String(i).padStart(6, "0")}`, title, titleEn, {
      title,
      titleEn,
      source: `page-${String(1 + (i >> 3)).padStart(5, "0")}.txt`,
      section: pick(rng, SECTIONS),
      ...(rng() < 0.7 ? { publishedIn: pick(rng, PUBLICATIONS) } : {}),
    });
    articles.push(idx);
  }
  b.articles = articles;
  if (b.nodes.length !== totalNodes) throw new Error(`generated ${b.nodes.length} nodes, not ${totalNodes}`);

  // --- relationships. Mandatory structure first, then shares of the budget, then COOPERATES_WITH.
  const name = (i: number) => b.names[i]!;
  const anyArticle = () => pick(rng, articles);
  const ev = (sentence: string): string[] =>
    rng() < 0.1 ? [sentence, "记者从相关部门了解到上述情况。"] : [sentence];

  const structure =
    prefectures.length +
    districts.length +
    orgs.length +
    orgParent.size +
    events.length +
    alliances.length * 4 +
    persons.length +
    Math.round(articles.length * 1.4) +
    Math.round(events.length * 1.4);
  const shares = {
    MEMBER_OF: 0.04,
    PARTICIPATED_IN: 0.06,
    GUIDES: 0.02,
    DESIGNATED: 0.01,
    ESTABLISHED: 0.01,
    MENTIONS: 0.25,
  };
  const shareSum = Object.values(shares).reduce((s, x) => s + x, 0);
  const wanted = structure + totalRels * shareSum;
  const scale = Math.min(1, (totalRels * 0.97) / wanted);
  const keep = () => scale >= 1 || rng() < scale;
  const quota = (share: number) => Math.floor(totalRels * share * scale);

  // Regions
  for (const r of [...prefectures, ...districts]) {
    if (!keep()) continue;
    const parent = parentRegion.get(r)!;
    b.addRel("PART_OF", r, parent, anyArticle(), ev(`${name(r)}是${name(parent)}下辖的行政区。`));
  }
  // Organisations: located in, part of
  for (const o of orgs) {
    if (keep()) {
      const r = orgRegion.get(o)!;
      b.addRel("LOCATED_IN", o, r, anyArticle(), ev(`${name(o)}位于${name(r)}。`));
    }
    const parent = orgParent.get(o);
    if (parent !== undefined && keep())
      b.addRel("PART_OF", o, parent, anyArticle(), ev(`${name(o)}隶属于${name(parent)}。`));
  }
  // Alliances: located in the province of their first region, span their regions, founded by regions
  for (const a of alliances) {
    const covered = allianceRegions.get(a)!;
    if (keep()) {
      const p = provinceOf(covered[0]!);
      b.addRel("LOCATED_IN", a, p, anyArticle(), ev(`${name(a)}秘书处设在${name(p)}。`));
    }
    for (const r of covered) {
      if (keep()) b.addRel("SPANS", a, r, anyArticle(), ev(`${name(a)}覆盖${name(r)}等地区。`));
    }
    if (keep()) {
      const r = covered[0]!;
      const year = Number(b.nodes[a]!.properties.foundedYear);
      b.addRel("ESTABLISHED", r, a, anyArticle(), ev(`${year}年，${name(r)}等地共同成立${name(a)}。`), {
        year,
      });
    }
  }
  // Persons: work for a media organisation
  const mediaZipf = new Zipf(media, 0.8);
  for (const p of persons) {
    if (!keep()) continue;
    const m = mediaZipf.sample(rng);
    const extra: Properties = {};
    if (rng() < 0.3)
      extra.since = `${2000 + randInt(rng, 24)}-${String(1 + randInt(rng, 12)).padStart(2, "0")}-01`;
    b.addRel("MEMBER_OF", p, m, anyArticle(), ev(`${name(p)}是${name(m)}的记者。`), extra);
  }
  // Articles: reported by persons, sometimes republished from a media outlet
  for (const a of articles) {
    const reporters = rng() < 0.3 ? 2 : 1;
    for (let k = 0; k < reporters; k++) {
      if (!keep()) continue;
      const p = personZipf.sample(rng);
      const role = personRole[p]!;
      const sentence = role === "reporter" ? `本报讯（记者 ${name(p)}）` : `（${name(p)} 摄）`;
      b.addRel("REPORTED", p, a, a, [sentence], { role });
    }
    if (rng() < 0.1 && keep()) {
      const m = pick(rng, media);
      b.addRel("REPUBLISHED_FROM", a, m, a, [`本文转载自${name(m)}。`]);
    }
  }
  // Events: located in their region, organised by one or two bodies
  for (const e of events) {
    const r = orgRegion.get(e)!;
    if (keep()) b.addRel("LOCATED_IN", e, r, anyArticle(), ev(`${name(e)}在${name(r)}举行。`));
    const organisers = rng() < 0.4 ? 2 : 1;
    for (let k = 0; k < organisers; k++) {
      if (!keep()) continue;
      const o = rng() < 0.5 ? topZipf.sample(rng) : orgZipfMild.sample(rng);
      b.addRel("ORGANISED", o, e, anyArticle(), ev(`${name(e)}由${name(o)}主办。`));
    }
    if (rng() < 0.05 && keep()) {
      const p = provinceOf(r);
      b.addRel("SPANS", e, p, anyArticle(), ev(`${name(e)}面向${name(p)}全域开展。`));
    }
  }

  const fill = (count: number, make: () => boolean) => {
    let added = 0;
    for (let attempts = 0; added < count && attempts < count * 20; attempts++) if (make()) added++;
  };
  fill(quota(shares.MEMBER_OF), () => {
    const a = allianceZipf.sample(rng);
    if (rng() < 0.05) {
      const r = pick(rng, allianceRegions.get(a)!);
      return b.addRel("MEMBER_OF", r, a, anyArticle(), ev(`${name(r)}是${name(a)}的成员。`));
    }
    const o = rng() < 0.3 ? orgZipfMild.sample(rng) : pick(rng, orgs);
    return b.addRel("MEMBER_OF", o, a, anyArticle(), ev(`${name(o)}加入${name(a)}，成为成员单位。`));
  });
  const lowerRegions = [...prefectures, ...districts];
  fill(quota(shares.PARTICIPATED_IN), () => {
    const e = eventZipf.sample(rng);
    const who = weighted(rng, [
      ["org", 80],
      ["person", 8],
      ["region", 6],
      ["alliance", 6],
    ] as const);
    const s =
      who === "org"
        ? orgZipfMild.sample(rng)
        : who === "person"
          ? pick(rng, persons)
          : who === "region"
            ? pick(rng, lowerRegions)
            : allianceZipf.sample(rng);
    return b.addRel("PARTICIPATED_IN", s, e, anyArticle(), ev(`${name(s)}参加了${name(e)}。`));
  });
  fill(quota(shares.GUIDES), () => {
    const s = topZipf.sample(rng);
    const u = rng();
    const t = u < 0.8 ? pick(rng, orgs) : u < 0.9 ? pick(rng, events) : pick(rng, alliances);
    return b.addRel("GUIDES", s, t, anyArticle(), ev(`在${name(s)}的指导下，${name(t)}积极开展工作。`));
  });
  fill(quota(shares.DESIGNATED), () => {
    const s = topZipf.sample(rng);
    const t = pick(rng, orgs);
    const title = pick(rng, DESIGNATIONS);
    const year = 2015 + randInt(rng, 11);
    return b.addRel(
      "DESIGNATED",
      s,
      t,
      anyArticle(),
      ev(`${year}年，${name(s)}将${name(t)}认定为${title}。`),
      {
        year,
        title,
      },
    );
  });
  fill(quota(shares.ESTABLISHED), () => {
    const s = rng() < 0.7 ? orgZipfMild.sample(rng) : topZipf.sample(rng);
    const u = rng();
    const t = u < 0.6 ? pick(rng, orgs) : u < 0.9 ? pick(rng, events) : pick(rng, alliances);
    const year = 2000 + randInt(rng, 25);
    return b.addRel("ESTABLISHED", s, t, anyArticle(), ev(`${year}年，${name(s)}成立了${name(t)}。`), {
      year,
    });
  });
  const regions = [...provinces, ...prefectures, ...districts];
  const regionZipf = new Zipf(regions, 0.8);
  fill(quota(shares.MENTIONS), () => {
    const a = pick(rng, articles);
    const u = rng();
    const t =
      u < 0.65
        ? orgZipf.sample(rng)
        : u < 0.8
          ? regionZipf.sample(rng)
          : u < 0.9
            ? eventZipf.sample(rng)
            : u < 0.95
              ? allianceZipf.sample(rng)
              : personZipf.sample(rng);
    return b.addRel("MENTIONS", a, t, a, [`据了解，${name(t)}近日参与了相关工作。`]);
  });
  // The rest: cooperation among organisations, one end drawn by prominence (Zipf), so hubs emerge.
  const remaining = totalRels - b.relationships.length;
  fill(remaining, () => {
    const s = rng() < 0.2 ? orgZipf.sample(rng) : pick(rng, orgs);
    const t = orgZipf.sample(rng);
    const [x, y] = rng() < 0.5 ? [s, t] : [t, s];
    if (b.has("COOPERATES_WITH", y, x)) return false;
    return b.addRel(
      "COOPERATES_WITH",
      x,
      y,
      anyArticle(),
      ev(`${name(x)}与${name(y)}签署合作协议，共同开展职工服务。`),
    );
  });
  // Saturated draws (tiny graphs): top up with uniform pairs.
  fill(totalRels - b.relationships.length, () => {
    const x = pick(rng, orgs);
    const y = pick(rng, orgs);
    if (b.has("COOPERATES_WITH", y, x)) return false;
    return b.addRel("COOPERATES_WITH", x, y, anyArticle(), ev(`${name(x)}与${name(y)}建立联系。`));
  });

  return { nodes: b.nodes, relationships: b.relationships };
}

// ---------------------------------------------------------------------------------------------
// Statistics.

export interface NetworkStats {
  nodes: number;
  relationships: number;
  byLabel: Record<string, number>;
  byType: Record<string, number>;
  degree: { max: number; median: number; p99: number; maxNode: string };
  cooperation: { max: number; median: number; hubsOver1000: number };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export function describeNetwork(dataset: Dataset): NetworkStats {
  const byLabel: Record<string, number> = {};
  const byType: Record<string, number> = {};
  const degree = new Map<string, number>();
  const coop = new Map<string, number>();
  for (const n of dataset.nodes) {
    const label = n.labels[0]!;
    byLabel[label] = (byLabel[label] ?? 0) + 1;
    degree.set(n.id, 0);
    if (label === "Organisation") coop.set(n.id, 0);
  }
  for (const r of dataset.relationships) {
    byType[r.type] = (byType[r.type] ?? 0) + 1;
    degree.set(r.start, (degree.get(r.start) ?? 0) + 1);
    degree.set(r.end, (degree.get(r.end) ?? 0) + 1);
    if (r.type === "COOPERATES_WITH") {
      coop.set(r.start, (coop.get(r.start) ?? 0) + 1);
      coop.set(r.end, (coop.get(r.end) ?? 0) + 1);
    }
  }
  let max = 0;
  let maxNode = "";
  for (const [id, d] of degree)
    if (d > max) {
      max = d;
      maxNode = id;
    }
  const degrees = [...degree.values()].sort((a, b) => a - b);
  const coopDegrees = [...coop.values()];
  return {
    nodes: dataset.nodes.length,
    relationships: dataset.relationships.length,
    byLabel,
    byType,
    degree: {
      max,
      median: median(degrees),
      p99: degrees[Math.floor(degrees.length * 0.99)] ?? 0,
      maxNode,
    },
    cooperation: {
      max: Math.max(0, ...coopDegrees),
      median: median(coopDegrees),
      hubsOver1000: coopDegrees.filter((d) => d >= 1000).length,
    },
  };
}
