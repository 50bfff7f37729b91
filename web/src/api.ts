/** The editor's calls to `moat serve`. Every call carries the per-run token of the URL moat serve printed. */

const TOKEN_KEY = 'moat-token'

/**
 * The token comes in the URL's fragment (`#token=...`), which the browser never sends to a
 * server; it is kept for this tab (so a reload works) and taken out of the address bar, so it is
 * not left in the history or shown over a shoulder.
 */
function takeToken(): string {
  const fromUrl = new URLSearchParams(location.hash.slice(1)).get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    history.replaceState(null, '', location.pathname + location.search)
    return fromUrl
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

const token = takeToken()

export interface Session {
  files: string[]
  single: string | null
  canCreate: boolean
  folder: string
}

export interface FileState {
  name: string
  text: string
  version: string
  /** The model's own rule packs (`rules.packs`), read by the server. */
  packs?: { name: string; text: string }[]
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message)
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: { 'x-moat-token': token, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
    credentials: 'same-origin',
  })
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>
  if (!response.ok) throw new ApiError(response.status, String(json.error ?? response.statusText), json)
  return json as T
}

export const api = {
  session: () => call<Session>('GET', '/api/session'),
  read: (name: string) => call<FileState>('GET', `/api/file?name=${encodeURIComponent(name)}`),
  save: (name: string, data: unknown, version: string, force = false) =>
    call<{ text: string; version: string; method: string }>('PUT', `/api/file?name=${encodeURIComponent(name)}`, { data, version, force }),
  create: (name: string, system: string) => call<FileState>('POST', '/api/files', { name, system }),
}
