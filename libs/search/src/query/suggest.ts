/**
 * Did-you-mean for a query that found nothing (issue 19): the nearest spellings the vocabulary knows.
 * Pure (pinyin-pro is a pure function of its input); both engines use it.
 *
 * Chinese typos are mostly homophones picked from the input method's list (质压 for 质押, 转形 for
 * 转型) or one wrong character. For each phrase of the query, every window of 2–8 characters is
 * compared with vocabulary words (not places) of the same length: a word with the same toneless
 * pinyin, or — for three characters or more — the same characters but one, replaces the window.
 * A candidate is kept when the engine's `known` check says the corrected phrase can match something;
 * homophones rank above one-character changes, longer corrected windows above shorter ones.
 */
import { pinyin } from 'pinyin-pro';
import { vocabulary as defaultVocabulary, type Vocabulary } from './vocabulary.js';
import { queryTerms } from '../text/normalize.js';

const HAN_ONLY = /^\p{Script=Han}+$/u;
const MAX_WINDOW = 8;
/** Suggestions returned at most. */
export const MAX_SUGGESTIONS = 3;

interface WordIndex {
  /** Toneless pinyin (syllables joined by spaces) → words of the vocabulary. */
  byPinyin: Map<string, string[]>;
  /** Length → words, for one-character changes. */
  byLength: Map<number, string[]>;
}

const indexes = new WeakMap<Vocabulary, WordIndex>();

export function toPinyin(text: string): string {
  return pinyin(text, { toneType: 'none', type: 'array' }).join(' ');
}

/** Builds the pinyin index of a vocabulary ahead of the first zero-result query (~0.1–0.3 s: pinyin-pro loads its dictionary). */
export function warmSuggestions(vocab: Vocabulary = defaultVocabulary()): void {
  wordIndex(vocab);
}

function wordIndex(vocab: Vocabulary): WordIndex {
  let index = indexes.get(vocab);
  if (index) return index;
  index = { byPinyin: new Map(), byLength: new Map() };
  for (const [word, entry] of vocab.entries) {
    if (entry.region || word.length < 2 || word.length > MAX_WINDOW || !HAN_ONLY.test(word)) continue;
    const key = toPinyin(word);
    index.byPinyin.set(key, [...(index.byPinyin.get(key) ?? []), word]);
    index.byLength.set(word.length, [...(index.byLength.get(word.length) ?? []), word]);
  }
  indexes.set(vocab, index);
  return index;
}

function oneCharApart(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let diff = 0;
  for (let i = 0; i < a.length && diff <= 1; i++) if (a[i] !== b[i]) diff++;
  return diff === 1;
}

/**
 * Up to MAX_SUGGESTIONS corrected queries (normalised, phrases joined by a space), best first; empty
 * when nothing near is known. `known(phrase)` tells whether a corrected phrase can match a listing.
 */
export function suggestQueries(query: string, known: (phrase: string) => boolean, vocab: Vocabulary = defaultVocabulary()): string[] {
  const phrases = queryTerms(query);
  if (phrases.length === 0 || phrases.some((p) => p.length > 40)) return [];
  const index = wordIndex(vocab);
  const scored = new Map<string, number>();
  phrases.forEach((phrase, at) => {
    if (!HAN_ONLY.test(phrase)) return;
    for (let len = Math.min(MAX_WINDOW, phrase.length); len >= 2; len--) {
      for (let start = 0; start + len <= phrase.length; start++) {
        const window = phrase.slice(start, start + len);
        if (vocab.entries.has(window)) continue;
        const homophones = index.byPinyin.get(toPinyin(window)) ?? [];
        const near = len >= 3 ? (index.byLength.get(len) ?? []).filter((w) => oneCharApart(w, window)) : [];
        for (const [words, weight] of [
          [homophones, 2],
          [near, 1],
        ] as const) {
          for (const word of words) {
            if (word === window) continue;
            const corrected = phrase.slice(0, start) + word + phrase.slice(start + len);
            if (!known(corrected)) continue;
            const whole = phrases.map((p, i) => (i === at ? corrected : p)).join(' ');
            const score = weight * 100 + len;
            if ((scored.get(whole) ?? -1) < score) scored.set(whole, score);
          }
        }
      }
    }
  });
  return [...scored.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, MAX_SUGGESTIONS)
    .map(([q]) => q);
}
