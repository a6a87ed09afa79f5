/** bigint columns hold whole fen (分); every amount the service accepts is a safe integer. */
export const fenNumber = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};
