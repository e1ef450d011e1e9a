import { channels, DockError, isChannel, type Channel, type ChannelOutput, type ChannelParsedInput, type Envelope } from '../../shared/contract'

/** Who is calling: the Electron binding fills this after its sender check; tests and the harness too. */
export interface CallContext {
  /** 'ipc' (Electron window), 'harness' (browser harness), 'test'. */
  origin: 'ipc' | 'harness' | 'test'
}

/** One handler per contract channel; the type makes the map exhaustive. */
export type Handlers = {
  [C in Channel]: (input: ChannelParsedInput<C>, ctx: CallContext) => Promise<ChannelOutput<C>> | ChannelOutput<C>
}

export interface Dispatcher {
  dispatch(channel: unknown, input: unknown, ctx: CallContext): Promise<Envelope<unknown>>
}

/** Log hook so a failing output schema (a bug on our side) is visible without leaking to the UI. */
export type DispatchLogger = (message: string, detail?: unknown) => void

/**
 * Contract channel → handler. Pure: no Electron, so it runs in vitest, the CLI and the harness.
 * Input is parsed before the handler sees it (the renderer is untrusted), output is parsed before
 * it leaves (nothing unserializable or unexpected crosses the bridge, cf. CVE-2023-29198).
 */
export function createDispatcher(handlers: Handlers, log: DispatchLogger = () => {}): Dispatcher {
  return {
    async dispatch(channel, rawInput, ctx) {
      if (!isChannel(channel)) {
        return { ok: false, error: { code: 'unknown_channel', message: `Unknown channel: ${String(channel).slice(0, 80)}` } }
      }
      const spec = channels[channel]
      const parsed = spec.input.safeParse(rawInput ?? {})
      if (!parsed.success) {
        const first = parsed.error.issues[0]
        const where = first?.path.length ? ` at ${first.path.join('.')}` : ''
        return { ok: false, error: { code: 'invalid_input', message: `${channel}: ${first?.message ?? 'invalid input'}${where}` } }
      }
      try {
        const handler = handlers[channel] as (i: unknown, c: CallContext) => unknown
        const value = await handler(parsed.data, ctx)
        const out = spec.output.safeParse(value)
        if (!out.success) {
          log(`output of ${channel} does not match the contract`, out.error.issues.slice(0, 3))
          return { ok: false, error: { code: 'internal_error', message: `${channel}: internal error (bad output)` } }
        }
        return { ok: true, value: out.data }
      } catch (err) {
        if (err instanceof DockError) return { ok: false, error: { code: err.code, message: err.message } }
        log(`handler ${channel} threw`, err)
        const message = err instanceof Error ? err.message : String(err)
        return { ok: false, error: { code: 'internal_error', message: `${channel}: ${message}` } }
      }
    }
  }
}
