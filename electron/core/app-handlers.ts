import { DockError, type ErrorCode } from '../../shared/contract'
import { DtAmbiguousError, DtApiError, type DtErrorKind } from './claiming/errors'
import type { DtClient } from './claiming/types'
import type { Handlers } from './dispatcher'
import type { SettingsService } from './settings/settings-service'
import type { AppInfo, ScannerStatus } from '../../shared/contract'

const KIND_TO_CODE: Record<DtErrorKind, ErrorCode> = {
  unauthorized: 'dt_unauthorized',
  forbidden: 'dt_forbidden',
  not_found: 'dt_not_found',
  bad_request: 'dt_bad_response',
  conflict: 'dt_bad_response',
  rate_limited: 'dt_rate_limited',
  unavailable: 'dt_unavailable',
  bad_response: 'dt_bad_response'
}

/** DT failures become contract errors with a message an operator can act on. */
export function toDockError(err: unknown): unknown {
  if (err instanceof DtApiError) {
    const hint = err.guidance.length ? ` ${err.guidance[0]}` : ''
    return new DockError(KIND_TO_CODE[err.kind] ?? 'dt_bad_response', `${err.message}${hint}`)
  }
  if (err instanceof DtAmbiguousError) return new DockError('dt_unavailable', err.message)
  return err
}

async function viaDt<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    throw toDockError(err)
  }
}

export type AppChannel = 'app.info' | 'settings.get' | 'settings.update' | 'settings.setCredentials' | 'settings.clearCredentials' | 'dt.organizations' | 'dt.projects' | 'scanners.list'

export interface AppHandlerDeps {
  info: () => AppInfo
  settings: SettingsService
  dt: () => Promise<DtClient>
  scanners: () => ScannerStatus[]
}

/** Handlers for app facts, settings, DT organizations/projects and scanner status. */
export function createAppHandlers(deps: AppHandlerDeps): Pick<Handlers, AppChannel> {
  return {
    'app.info': () => deps.info(),
    'settings.get': () => deps.settings.get(),
    'settings.update': (patch) => deps.settings.update(patch),
    'settings.setCredentials': (c) => deps.settings.setCredentials(c),
    'settings.clearCredentials': () => deps.settings.clearCredentials(),
    'dt.organizations': () => viaDt(async () => (await deps.dt()).listOrganizations()),
    'dt.projects': ({ organizationId }) =>
      viaDt(async () => (await (await deps.dt()).listProjects(organizationId)).filter((p) => p.organizationId === organizationId)),
    'scanners.list': () => deps.scanners()
  }
}
