/** bigint columns hold whole yuan; every amount the API accepts is a safe integer. */
export const bigintNumber = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};
