import type { z } from 'zod'

/** One invoke channel: zod schemas for what the renderer sends and what main answers. */
export interface InvokeSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I
  readonly output: O
  /** One line for the README/contract docs. */
  readonly doc: string
}

/** Declare an invoke channel. The key it is stored under is its name; it is written only there. */
export const invoke = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  doc: string
): InvokeSpec<I, O> => ({ input, output, doc })

/** One event pushed from main to the renderer. */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly payload: P
  readonly doc: string
}

export const event = <P extends z.ZodType>(payload: P, doc: string): EventSpec<P> => ({ payload, doc })
