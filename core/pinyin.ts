/**
 * Pinyin search keys, so analysts who cannot type Chinese quickly can type `tongwulang` or `tongzhou`.
 * Each name and alias gives the toneless syllables joined from every starting syllable on
 * (通州区 → tongzhouqu, zhouqu, qu): a prefix query then finds a pinyin substring anywhere in a name.
 */
import { pinyin } from "pinyin-pro";

const HAN = /\p{Script=Han}/u;
/** Long names would otherwise give dozens of keys; their later syllables are rarely searched for. */
const MAX_SYLLABLES = 24;

export function pinyinKeys(names: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const name of names) {
    if (!HAN.test(name)) continue;
    const syllables = pinyin(name, { toneType: "none", type: "array", nonZh: "removed", v: true })
      .map((s) => s.toLowerCase().replace(/[^a-z]/g, ""))
      .filter((s) => s.length > 0)
      .slice(0, MAX_SYLLABLES);
    for (let i = 0; i < syllables.length; i++) keys.add(syllables.slice(i).join(""));
  }
  return [...keys];
}
