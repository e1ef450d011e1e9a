import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const here = dirname(fileURLToPath(import.meta.url))

/** A TypeScript script of this folder run as a real child process (node --import tsx). */
export interface Child {
  proc: ChildProcess
  lines: string[]
  /** Resolves with the first stdout line matching `re`, rejects if the child exits first. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  stderr(): string
}

export function runScript(script: string, args: string[], onLine?: (line: string) => void): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(here, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  let err = ''
  let partial = ''
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = []
  proc.stdout!.setEncoding('utf8')
  proc.stdout!.on('data', (chunk: string) => {
    partial += chunk
    let nl: number
    while ((nl = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, nl)
      partial = partial.slice(nl + 1)
      lines.push(line)
      onLine?.(line)
      for (const w of [...waiters]) {
        if (!w.re.test(line)) continue
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(line)
      }
    }
  })
  proc.stderr!.setEncoding('utf8')
  proc.stderr!.on('data', (c: string) => (err += c))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('close', (code, signal) => resolve({ code, signal }))
  )
  return {
    proc,
    lines,
    exited,
    stderr: () => err,
    waitFor(re, timeoutMs = 20_000) {
      const seen = lines.find((l) => re.test(l))
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re} (stderr: ${err.slice(0, 500)})`)), timeoutMs)
        waiters.push({ re, resolve: (l) => (clearTimeout(timer), resolve(l)) })
        void exited.then(({ code, signal }) => {
          clearTimeout(timer)
          reject(new Error(`child exited (${code ?? signal}) before ${re}; stdout: ${lines.slice(-5).join(' | ')}; stderr: ${err.slice(0, 500)}`))
        })
      })
    }
  }
}
