import { describe, expect, it } from 'vitest'
import { parseSimArgs } from '../../../electron/core/claiming/sim-cli'

describe('dock-claim sim arguments', () => {
  it('defaults to the training seed, any port, DT rate limit', () => {
    const p = parseSimArgs([])
    expect(p.seedPath).toMatch(/resources[/\\]training-seed\.json$/)
    expect(p.port).toBe(0)
    expect(p.rateLimit).toEqual({ max: 25, windowMs: 5000 })
    expect(p.faults).toEqual({})
  })

  it('maps flags (both --flag v and --flag=v) to simulator options', () => {
    const p = parseSimArgs(['--port', '8081', '--random-seed=9', '--latency', '20', '--jitter', '5', '--error-rate', '503=0.1', '--error-rate=500=0.05',
      '--reset-after-apply', '0.2', '--max-claim-batch', '50', '--rate-limit', 'off', '--token-lifetime', '120', '--slow-body', '10', '--truncate-rate', '0.01'])
    expect(p.port).toBe(8081)
    expect(p.randomSeed).toBe(9)
    expect(p.rateLimit).toBe(false)
    expect(p.tokenLifetime).toBe(120)
    expect(p.faults).toEqual({ latencyMs: 20, jitterMs: 5, errorRates: { '503': 0.1, '500': 0.05 }, resetAfterApplyRate: 0.2, maxClaimBatch: 50, slowBodyMs: 10, truncateJsonRate: 0.01 })
  })

  it.each([
    [['--port', '70000'], /--port needs an integer between 0 and 65535/],
    [['--port'], /--port needs/],
    [['--error-rate', '418=0.5'], /status one of/],
    [['--reset-after-apply', '2'], /between 0 and 1/],
    [['--rate-limit', 'fast'], /<max>\/<windowMs>/],
    [['--frobnicate'], /unknown option "--frobnicate"/]
  ])('explains bad input %j', (argv, message) => {
    expect(() => parseSimArgs(argv)).toThrow(message)
  })
})
