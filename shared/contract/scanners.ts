import { z } from 'zod'
import { event, invoke } from './define'

/** Connection state of one USB HID POS scanner, as the scanner service sees it. */
export const scannerStatusSchema = z.object({
  /** Stable id for the session (path-based); scans carry it. */
  id: z.string(),
  path: z.string(),
  vendorId: z.number().int(),
  productId: z.number().int(),
  product: z.string().nullable(),
  state: z.enum(['connected', 'disconnected', 'permission_denied', 'unsupported_mode', 'error']),
  /** What the operator or technician should do (e.g. the udev hint). */
  hint: z.string().nullable(),
  scans: z.number().int(),
  /** Re-reads of the same code within the debounce window, dropped. */
  droppedRepeats: z.number().int()
})
export type ScannerStatus = z.infer<typeof scannerStatusSchema>

export const scannerChannels = {
  'scanners.list': invoke(z.object({}).strict(), z.array(scannerStatusSchema), 'Scanners the service knows about.')
} as const

export const scannerEvents = {
  'scanner.status': event(scannerStatusSchema, 'A scanner connected, disconnected or failed.'),
  'scanner.test': event(
    z.object({ scannerId: z.string(), text: z.string(), aim: z.string().nullable(), rawHex: z.string() }),
    'Every decoded HID scan, for the live test view in Settings (before session handling).'
  )
} as const
