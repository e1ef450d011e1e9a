/** "1 device", "44 devices": counts are read at a glance, so grammar matters. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`
