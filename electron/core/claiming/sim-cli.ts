import { resolve } from 'node:path'
import type { FaultsInput } from './simulator/faults'
import { buildLargeSeed } from './simulator/large-seed'
import { loadSeedFile, type Seed } from './simulator/seed'
import { startSimulator } from './simulator/server'

const USAGE = `usage: dock-claim sim [options]

Run the DT API simulator (training mode backend) on 127.0.0.1 until Ctrl-C.

  --seed <file.json>          world to serve (default: resources/training-seed.json)
  --large                     serve the generated large seed (40 kits x 100 + 4,000 loose) instead
  --port <n>                  port (default 0 = any free port)
  --random-seed <n>           PRNG seed for jitter and fault rates (default 1)
  --latency <ms>              added latency per API response
  --jitter <ms>               extra uniform 0..ms latency
  --error-rate <status>=<p>   inject 429/500/502/503/504 with probability p (repeatable)
  --reset-after-apply <p>     drop the connection after a real claim was applied, probability p
  --error-after-apply <p>     answer 500 after a real claim was applied, probability p
  --slow-body <ms>            trickle every response body over ms
  --truncate-rate <p>         cut 200 JSON bodies in half with probability p
  --max-claim-batch <n>       refuse claims with more than n items (kit IDs + device IDs)
  --rate-limit <max>/<ms>|off per-credential limit (default 25/5000, as DT)
  --token-lifetime <s>        access token lifetime (default 3600)`

interface Parsed {
  seedPath: string
  large: boolean
  port: number
  randomSeed: number
  faults: FaultsInput
  rateLimit: { max: number; windowMs: number } | false
  tokenLifetime: number
}

function num(flag: string, value: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER, integer = true): number {
  const n = Number(value)
  if (value === undefined || value === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new Error(`${flag} needs ${integer ? 'an integer' : 'a number'} between ${min} and ${max}, got "${value ?? ''}"`)
  }
  return n
}

/** Parse `sim` arguments; throws an Error with a clear message on bad input. Exported for tests. */
export function parseSimArgs(argv: string[]): Parsed {
  const p: Parsed = {
    seedPath: resolve(__dirname, '../../../resources/training-seed.json'),
    large: false,
    port: 0,
    randomSeed: 1,
    faults: {},
    rateLimit: { max: 25, windowMs: 5000 },
    tokenLifetime: 3600
  }
  const rates: Record<string, number> = {}
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? ''
    const [name, inline] = flag.includes('=') && flag.startsWith('--') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined]
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i])
    switch (name) {
      case '--seed': p.seedPath = resolve(value() ?? ''); break
      case '--large': p.large = true; break
      case '--port': p.port = num(name, value(), 0, 65535); break
      case '--random-seed': p.randomSeed = num(name, value(), 0, 2 ** 32 - 1); break
      case '--latency': p.faults.latencyMs = num(name, value(), 0, 600_000); break
      case '--jitter': p.faults.jitterMs = num(name, value(), 0, 600_000); break
      case '--slow-body': p.faults.slowBodyMs = num(name, value(), 0, 600_000); break
      case '--max-claim-batch': p.faults.maxClaimBatch = num(name, value(), 1); break
      case '--reset-after-apply': p.faults.resetAfterApplyRate = num(name, value(), 0, 1, false); break
      case '--error-after-apply': p.faults.errorAfterApplyRate = num(name, value(), 0, 1, false); break
      case '--truncate-rate': p.faults.truncateJsonRate = num(name, value(), 0, 1, false); break
      case '--token-lifetime': p.tokenLifetime = num(name, value(), 1, 86_400); break
      case '--error-rate': {
        const m = /^(429|500|502|503|504)=(.+)$/.exec(value() ?? '')
        if (!m) throw new Error('--error-rate needs <status>=<probability>, status one of 429 500 502 503 504')
        rates[m[1] ?? ''] = num(name, m[2], 0, 1, false)
        break
      }
      case '--rate-limit': {
        const v = value() ?? ''
        if (v === 'off') p.rateLimit = false
        else {
          const m = /^(\d+)\/(\d+)$/.exec(v)
          if (!m) throw new Error('--rate-limit needs <max>/<windowMs> (e.g. 25/5000) or off')
          p.rateLimit = { max: num(name, m[1], 1), windowMs: num(name, m[2], 1) }
        }
        break
      }
      default:
        throw new Error(`unknown option "${flag}"`)
    }
  }
  if (Object.keys(rates).length) p.faults.errorRates = rates
  return p
}

/** `dock-claim sim`: start the simulator, print how to reach it, run until SIGINT/SIGTERM. */
export async function runSimCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE)
    return 0
  }
  let parsed: Parsed
  let seed: Seed
  try {
    parsed = parseSimArgs(argv)
    seed = parsed.large ? buildLargeSeed() : loadSeedFile(parsed.seedPath)
  } catch (err) {
    console.error(`dock-claim sim: ${(err as Error).message}\n\n${USAGE}`)
    return 2
  }
  const sim = await startSimulator({
    seed,
    port: parsed.port,
    randomSeed: parsed.randomSeed,
    faults: parsed.faults,
    rateLimit: parsed.rateLimit,
    tokenLifetimeSeconds: parsed.tokenLifetime
  })
  const sa = seed.serviceAccounts[0]
  const lines = [
    `DT simulator listening (${seed.devices.length} devices, ${seed.kits.length} kits, ${parsed.large ? 'large seed' : parsed.seedPath})`,
    `DT_API_URL=${sim.url}`,
    `DT_TOKEN_URL=${sim.tokenUrl}`,
    `control API: ${sim.origin}/__sim/ (ledger, stats, faults)`
  ]
  if (sa) {
    lines.push(
      'demo service account (from the seed; not a real DT credential):',
      `DT_SERVICE_ACCOUNT_KEY_ID=${sa.keyId}`,
      `DT_SERVICE_ACCOUNT_SECRET=${sa.secret}`,
      `DT_SERVICE_ACCOUNT_EMAIL=${sa.email}`
    )
  }
  console.log(lines.join('\n'))
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      done()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  await sim.stop()
  console.log('DT simulator stopped')
  return 0
}
