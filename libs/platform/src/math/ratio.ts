/** `num / den` rounded to 4 decimal places (a share 0..1 as reported), or null when `den` is 0. */
export const ratio = (num: number, den: number): number | null => (den ? Math.round((num / den) * 10_000) / 10_000 : null);
