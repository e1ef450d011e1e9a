// Payload parsing shared by every input path; see parse-payload.ts.
export * from './parse-payload'
export * from './ids'
export * from './control-codes'
export * from './display'
export * from './decode-bytes'
