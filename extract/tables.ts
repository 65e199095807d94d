/**
 * The extractor's rules as data: name suffixes and the label (and organisation kind) they propose,
 * trigger words and the relationship type they support, relative prefixes and generic names that make a
 * match ambiguous. Rules elsewhere read these tables; adding a word here needs no code.
 */

/** A name ending with `suffix` is proposed as a node of `label` (with `kind`, for organisations). */
export interface SuffixRule {
  suffix: string;
  label: string;
  kind?: string;
  /** A sub-unit of the body named before it (…公司工会, …中心党委): proposes that body too, and PART_OF. */
  subUnit?: boolean;
}

/** Longest suffixes first when several end a name (…总工会 before …工会). */
export const SUFFIX_RULES: readonly SuffixRule[] = [
  { suffix: "总工会", label: "Organisation", kind: "union" },
  { suffix: "工会联合会", label: "Organisation", kind: "union" },
  { suffix: "工会", label: "Organisation", kind: "union", subUnit: true },
  { suffix: "联合会", label: "Organisation", kind: "association" },
  { suffix: "协会", label: "Organisation", kind: "association" },
  { suffix: "商会", label: "Organisation", kind: "association" },
  { suffix: "研究会", label: "Organisation", kind: "association" },
  { suffix: "委员会", label: "Organisation", kind: "government" },
  { suffix: "党委宣传部", label: "Organisation", kind: "department", subUnit: true },
  { suffix: "宣传部", label: "Organisation", kind: "department", subUnit: true },
  { suffix: "党委", label: "Organisation", kind: "other", subUnit: true },
  { suffix: "团委", label: "Organisation", kind: "other", subUnit: true },
  { suffix: "办公室", label: "Organisation", kind: "department", subUnit: true },
  { suffix: "人民政府", label: "Organisation", kind: "government" },
  { suffix: "政府", label: "Organisation", kind: "government" },
  { suffix: "管理局", label: "Organisation", kind: "government" },
  { suffix: "部门", label: "Organisation", kind: "government" },
  { suffix: "大学", label: "Organisation", kind: "college" },
  { suffix: "学院", label: "Organisation", kind: "college" },
  { suffix: "职业高中", label: "Organisation", kind: "school" },
  { suffix: "中学", label: "Organisation", kind: "school" },
  { suffix: "小学", label: "Organisation", kind: "school" },
  { suffix: "学校", label: "Organisation", kind: "school" },
  { suffix: "培训中心", label: "Organisation", kind: "training-centre" },
  { suffix: "培训基地", label: "Organisation", kind: "training-centre" },
  { suffix: "实验基地", label: "Organisation", kind: "training-centre" },
  { suffix: "中心", label: "Organisation", kind: "other" },
  { suffix: "研究院", label: "Organisation", kind: "other" },
  { suffix: "研究所", label: "Organisation", kind: "other" },
  { suffix: "医院", label: "Organisation", kind: "other" },
  { suffix: "工作室", label: "Organisation", kind: "studio" },
  { suffix: "专班", label: "Organisation", kind: "other" },
  { suffix: "工作组", label: "Organisation", kind: "other" },
  { suffix: "领导小组", label: "Organisation", kind: "other" },
  { suffix: "之家", label: "Organisation", kind: "other" },
  { suffix: "有限责任公司", label: "Organisation", kind: "company" },
  { suffix: "股份有限公司", label: "Organisation", kind: "company" },
  { suffix: "有限公司", label: "Organisation", kind: "company" },
  { suffix: "公司", label: "Organisation", kind: "company" },
  { suffix: "集团", label: "Organisation", kind: "company" },
  { suffix: "报社", label: "Organisation", kind: "media" },
  { suffix: "日报", label: "Organisation", kind: "media" },
  { suffix: "电视台", label: "Organisation", kind: "media" },
  { suffix: "联盟", label: "Alliance" },
  { suffix: "座谈会", label: "Event", kind: "meeting" },
  { suffix: "联谊会", label: "Event", kind: "activity" },
  { suffix: "观摩会", label: "Event", kind: "meeting" },
  { suffix: "推进会", label: "Event", kind: "meeting" },
  { suffix: "大会", label: "Event", kind: "meeting" },
  { suffix: "会议", label: "Event", kind: "meeting" },
  { suffix: "论坛", label: "Event", kind: "meeting" },
  { suffix: "仪式", label: "Event", kind: "ceremony" },
  { suffix: "选拔赛", label: "Event", kind: "competition" },
  { suffix: "大赛", label: "Event", kind: "competition" },
  { suffix: "竞赛", label: "Event", kind: "competition" },
  { suffix: "比赛", label: "Event", kind: "competition" },
  { suffix: "联赛", label: "Event", kind: "competition" },
  { suffix: "集训", label: "Event", kind: "training" },
  { suffix: "培训班", label: "Event", kind: "training" },
  { suffix: "研修班", label: "Event", kind: "training" },
  { suffix: "活动", label: "Event", kind: "activity" },
  { suffix: "行动", label: "Event", kind: "campaign" },
  { suffix: "博览会", label: "Event", kind: "exhibition" },
  { suffix: "展览", label: "Event", kind: "exhibition" },
  { suffix: "体检", label: "Event", kind: "health-check" },
];

/**
 * Administrative suffixes of region names (the gazetteer gives the level and parent; these say what a
 * name not in it would be).
 */
export const REGION_SUFFIXES: readonly { suffix: string; level: string }[] = [
  { suffix: "自治区", level: "province" },
  { suffix: "省", level: "province" },
  { suffix: "市", level: "prefecture" },
  { suffix: "区", level: "district" },
  { suffix: "县", level: "county" },
  { suffix: "街道", level: "county" },
  { suffix: "乡", level: "county" },
  { suffix: "镇", level: "county" },
];

/** Words that suggest a relationship type when a sentence names both ends (start before end, in that order). */
export interface TriggerRule {
  words: readonly string[];
  type: string;
  score: number;
}

export const TRIGGER_RULES: readonly TriggerRule[] = [
  { words: ["成立", "设立", "组建", "建成", "创建", "成立了"], type: "ESTABLISHED", score: 0.6 },
  {
    words: ["举办", "召开", "组织", "开展", "承办", "主办", "举行", "发起", "启动"],
    type: "ORGANISED",
    score: 0.6,
  },
  { words: ["命名", "授牌", "认定", "评定", "评选", "授予", "表彰"], type: "DESIGNATED", score: 0.5 },
  { words: ["参加", "参与", "出席", "参赛", "加入"], type: "PARTICIPATED_IN", score: 0.5 },
  { words: ["联合", "携手", "共同", "合作", "对接"], type: "COOPERATES_WITH", score: 0.4 },
  { words: ["指导", "领导", "推动", "推进"], type: "GUIDES", score: 0.3 },
  { words: ["成员", "加盟", "所属", "下属"], type: "MEMBER_OF", score: 0.4 },
];

/** Bylines: the word before a name, the role it gives and whether the person REPORTED the story. */
export const BYLINE_WORDS: readonly { word: string; role: string }[] = [
  { word: "本报记者", role: "reporter" },
  { word: "记者", role: "reporter" },
  { word: "通讯员", role: "correspondent" },
  { word: "摄影", role: "photographer" },
  { word: "实习生", role: "reporter" },
];

/** Words after a byline name that make it a photographer's credit ("马超 摄影报道"). */
export const PHOTO_CREDIT = ["摄影报道", "摄影", "摄"];

/** Words a republication is credited with (转自《中工网》). */
export const REPUBLISHED_WORDS = ["转自", "来源：", "来源:", "转载自"];

/**
 * Prefixes that make a name relative to the article's place (市总工会 = the city's federation of trade
 * unions): such a name is linked only when the article names that place, else it is ambiguous.
 */
export const RELATIVE_PREFIXES = ["本市", "全市", "本区", "该市", "市", "区", "县", "省", "镇", "乡", "本"];

/** Names too generic to identify one body (every company has a 团委): always ambiguous. */
export const GENERIC_NAMES = new Set([
  "工会",
  "团委",
  "党委",
  "党委宣传部",
  "宣传部",
  "办公室",
  "首都",
  "本市",
  "全市",
  "中心",
  "学院",
  "公司",
  "集团",
  "政府",
]);

/** Shortest alias linked without review (in UTF-16 units; region short forms such as 北京 are two). */
export const MIN_ALIAS_LENGTH = 2;

/** Words that end a name grown backwards from its suffix (they are not part of names). */
export const NAME_STOP_WORDS = new Set([
  "记者",
  "本报",
  "本报讯",
  "近日",
  "目前",
  "今年",
  "去年",
  "日前",
  "此外",
  "同时",
  "包括",
  "以及",
  "通过",
  "为",
  "由",
  "在",
  "从",
  "向",
  "与会",
  "领导",
  "代表",
  "各类",
  "各",
  "等",
  "新",
  "新认定",
  "区级",
  "市级",
  "家",
  "暨",
  "及",
  // Counters after a number (41处, 15个, 200余名).
  "处",
  "个",
  "名",
  "项",
  "位",
  "所",
  "支",
  "批",
]);

/** Verbs that occur inside names (职工创新工作室, 北京保障房中心, 技术交流中心): a name grows over them. */
export const NAME_VERBS = new Set([
  "创新",
  "保障",
  "发展",
  "研究",
  "建设",
  "培训",
  "管理",
  "交流",
  "协作",
  "促进",
  "孵化",
  "实训",
  "实验",
  "维权",
  "救助",
  "帮扶",
]);
