/** The editor: file bar, diagram tabs, palette, canvas, side panels; undo, save, conflicts. */
import { ReactFlowProvider, useReactFlow } from '@xyflow/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { buildGraph, TRUST_LEVELS, type Diagnostic, type Model, type ModelGraph } from '../../src/core/index.js'
import { sceneOf, type Scene } from '../../src/render/scene.js'
import { overlaysOf } from '../../src/render/overlays.js'
import { api, ApiError, type FileState, type Session } from './api'
import { Canvas } from './Canvas'
import { check, parseText, rulesWith } from './engine'
import { exportHtmlReport, exportPng, exportSvg } from './export'
import { autoLayout } from './layout'
import {
  addDiagram, addNode, copyIds, deleteIds, diagramsOf, kindOf, paste, setField, setLayout, type Box, type Clip, type NodeKind, type Raw,
} from './model-ops'
import { ModelPanel, Properties, Review, Threats } from './Panels'
import { SequenceView } from './Sequence'

type Tab = 'properties' | 'threats' | 'review' | 'model'
interface Conflict {
  current: FileState
}

export function App() {
  return (
    <ReactFlowProvider>
      <Editor />
    </ReactFlowProvider>
  )
}

function Editor() {
  const [session, setSession] = useState<Session>()
  const [file, setFile] = useState<FileState>()
  const [raw, setRaw] = useState<Raw>()
  const [saved, setSaved] = useState<Raw>()
  const [parseProblems, setParseProblems] = useState<Diagnostic[]>([])
  const [history, setHistory] = useState<{ past: Raw[]; future: Raw[] }>({ past: [], future: [] })
  const [selection, setSelection] = useState<string[]>([])
  const [diagram, setDiagram] = useState('system')
  const [tab, setTab] = useState<Tab>('properties')
  const [focusThreat, setFocusThreat] = useState<string>()
  const [conflict, setConflict] = useState<Conflict>()
  // The editor's own small dialog for a name (window.prompt blocks the page and cannot be styled).
  const [asking, setAsking] = useState<{ title: string; value: string; done: (answer: string | undefined) => void }>()
  const ask = (title: string, value = '') =>
    new Promise<string | undefined>((resolve) =>
      setAsking({ title, value, done: (answer) => (setAsking(undefined), resolve(answer?.trim() || undefined)) }),
    )
  const [toast, setToast] = useState<string>()
  const [auto, setAuto] = useState<Record<string, Record<string, Box>>>({})
  const [busy, setBusy] = useState(false)
  const clip = useRef<Clip | undefined>(undefined)
  const flow = useReactFlow()

  const dirty = raw !== undefined && raw !== saved
  const say = useCallback((text: string) => {
    setToast(text)
    window.setTimeout(() => setToast((t) => (t === text ? undefined : t)), 3500)
  }, [])

  const open = useCallback(async (name: string) => {
    const state = await api.read(name)
    load(state)
  }, [])

  function load(state: FileState) {
    const parsed = parseText(state.text, state.name)
    setFile(state)
    setParseProblems(parsed.diagnostics)
    const data = (parsed.data ?? undefined) as Raw | undefined
    setRaw(data)
    setSaved(data)
    setHistory({ past: [], future: [] })
    setSelection([])
    setConflict(undefined)
    if (data) setDiagram((d) => (diagramsOf(data).some((x) => x.id === d) ? d : diagramsOf(data)[0]!.id))
  }

  useEffect(() => {
    api.session().then((s) => {
      setSession(s)
      if (s.files[0]) void open(s.files[0])
    }, (e: Error) => say(e.message))
  }, [open, say])

  // The core, live: validation, threats, review after every edit.
  const rules = useMemo(() => rulesWith(file?.packs), [file?.packs])
  const checked = useMemo(() => (raw ? check(raw, rules) : undefined), [raw, rules])
  const lastGraph = useRef<ModelGraph | undefined>(undefined)
  const graph = useMemo(() => {
    if (checked?.analysis) return (lastGraph.current = checked.analysis.graph)
    return lastGraph.current
  }, [checked])
  const diagnostics = useMemo(() => [...parseProblems, ...(checked?.diagnostics ?? [])], [parseProblems, checked])

  const commit = useCallback(
    (next: Raw, select?: string[]) => {
      setRaw((current) => {
        if (current) setHistory((h) => ({ past: [...h.past.slice(-199), current], future: [] }))
        return next
      })
      if (select) setSelection(select)
    },
    [],
  )
  const undo = useCallback(() => {
    setHistory((h) => {
      if (!h.past.length || !raw) return h
      const previous = h.past[h.past.length - 1]!
      setRaw(previous)
      return { past: h.past.slice(0, -1), future: [raw, ...h.future] }
    })
  }, [raw])
  const redo = useCallback(() => {
    setHistory((h) => {
      if (!h.future.length || !raw) return h
      const [nextRaw, ...rest] = h.future
      setRaw(nextRaw)
      return { past: [...h.past, raw], future: rest }
    })
  }, [raw])

  const save = useCallback(
    async (force = false) => {
      if (!file || !raw) return
      setBusy(true)
      try {
        const result = await api.save(file.name, raw, force && conflict ? conflict.current.version : file.version, force)
        setFile({ ...file, text: result.text, version: result.version })
        setSaved(raw)
        setConflict(undefined)
        say(result.method === 'unchanged' ? 'Nothing to save' : `Saved ${file.name}`)
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) setConflict({ current: e.body.current as FileState })
        else say(`Not saved: ${(e as Error).message}`)
      } finally {
        setBusy(false)
      }
    },
    [file, raw, conflict, say],
  )

  // A file changed on disk: reload it when nothing here is unsaved, else ask.
  useEffect(() => {
    if (!file) return
    const poll = async () => {
      try {
        const state = await api.read(file.name)
        if (state.version === file.version) return
        if (!dirty) {
          load(state)
          say(`${file.name} changed on disk: reloaded`)
        } else setConflict((c) => c ?? { current: state })
      } catch {
        // the server is gone or the file removed: say so on save
      }
    }
    const timer = window.setInterval(poll, 3000)
    window.addEventListener('focus', poll)
    return () => {
      window.clearInterval(timer)
      window.removeEventListener('focus', poll)
    }
  }, [file, dirty, say])

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty) e.preventDefault()
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [dirty])

  const diagrams = useMemo(() => (raw ? diagramsOf(raw) : []), [raw])
  const current = diagrams.find((d) => d.id === diagram) ?? diagrams[0]
  const scene: Scene | undefined = useMemo(() => {
    if (!graph || !current || !raw) return undefined
    const def = current.implicit ? { kind: current.kind } : { ...(raw.diagrams?.[current.id] ?? {}), kind: current.kind }
    try {
      // The graph is the last valid one; the model data may be ahead of it while it has errors.
      return sceneOf(checked?.analysis ? graph : buildGraph(graph.model as Model), current.id, def)
    } catch {
      return undefined
    }
  }, [graph, current, raw, checked])

  // Every boundary of the model on a diagram of everything; the scene's (and placed ones) otherwise.
  const boundaries = useMemo(() => {
    if (!scene || !raw || !graph) return []
    const def = raw.diagrams?.[scene.id]
    const layout = def?.layout ?? {}
    const wanted = new Set(scene.boundaries.map((b) => b.id))
    for (const id of Object.keys(raw.boundaries ?? {})) if (!def?.elements || def.elements.includes(id) || layout[id]) wanted.add(id)
    if (def?.refines) for (const id of Object.keys(raw.boundaries ?? {})) if (layout[id]) wanted.add(id)
    const all = Object.entries((raw.boundaries ?? {}) as Record<string, Raw>)
    const depth = (id: string, seen = new Set<string>()): number => {
      const parent = raw.boundaries?.[id]?.parent
      if (!parent || seen.has(id) || !raw.boundaries?.[parent]) return 0
      seen.add(id)
      return 1 + depth(parent, seen)
    }
    // Parents come with their children.
    for (const id of [...wanted]) {
      let p = raw.boundaries?.[id]?.parent
      const seen = new Set<string>()
      while (p && raw.boundaries?.[p] && !seen.has(p)) {
        seen.add(p)
        wanted.add(p)
        p = raw.boundaries[p].parent
      }
    }
    return all
      .filter(([id]) => wanted.has(id))
      .sort(([a], [b]) => depth(a) - depth(b))
      .map(([id, b]) => {
        const fromGraph = graph.boundaries.get(id)
        return { id, name: b?.name ?? id, ...(b?.parent && raw.boundaries?.[b.parent] && { parent: b.parent as string }), trust: fromGraph ? TRUST_LEVELS[fromGraph.trust] ?? 'medium' : b?.trust ?? 'medium' }
      })
  }, [scene, raw, graph])

  // Positions for shapes the model does not place yet: ELK, in a worker.
  const sceneKey = scene ? `${file?.name}:${scene.id}` : ''
  useEffect(() => {
    if (!scene || scene.kind !== 'dfd' || !raw) return
    const layout = raw.diagrams?.[scene.id]?.layout ?? {}
    const missing = scene.nodes.filter((n) => !layout[n.id] && !auto[sceneKey]?.[n.id])
    if (!missing.length) return
    let cancelled = false
    autoLayout(scene).then((l) => {
      if (cancelled) return
      setAuto((a) => ({ ...a, [sceneKey]: { ...l.nodes, ...l.boundaries, ...a[sceneKey] } }))
      window.setTimeout(() => flow.fitView({ padding: 0.12 }), 250)
    }, () => undefined)
    return () => {
      cancelled = true
    }
  }, [scene, sceneKey])

  const runAutoLayout = useCallback(async () => {
    if (!scene || !raw) return
    const l = await autoLayout(scene)
    const boxes: Record<string, Box> = {}
    for (const [id, b] of Object.entries(l.nodes)) boxes[id] = { x: b.x, y: b.y }
    for (const [id, b] of Object.entries(l.boundaries)) boxes[id] = b
    commit(setLayout(raw, scene.id, boxes))
    window.setTimeout(() => flow.fitView({ padding: 0.15, duration: 300 }), 50)
  }, [scene, raw, commit, flow])

  const badges = useMemo(() => (checked?.analysis ? overlaysOf(checked.analysis.graph, checked.analysis.threats).threats : {}), [checked])
  const problems = useMemo(() => {
    const count: Record<string, number> = {}
    for (const d of diagnostics) {
      if (d.severity !== 'error' || d.path.length < 2) continue
      const id = String(d.path[1])
      count[id] = (count[id] ?? 0) + 1
    }
    return count
  }, [diagnostics])

  const select = useCallback(
    (ids: string[]) => {
      setSelection(ids)
      const id = ids[0]
      if (id && raw && ids.length === 1) {
        const node = flow.getNode(id)
        if (node) flow.fitView({ nodes: [{ id }], duration: 250, maxZoom: 1.2, padding: 0.6 })
        if (!node && raw.diagrams) {
          // On another diagram? Switch to the first that shows it.
          const other = diagramsOf(raw).find((d) => raw.diagrams?.[d.id]?.elements?.includes(id) || raw.diagrams?.[d.id]?.layout?.[id])
          if (other && other.id !== diagram) setDiagram(other.id)
        }
        setTab((t) => (t === 'review' || t === 'model' ? 'properties' : t))
      }
    },
    [raw, flow, diagram],
  )

  const addFromPalette = useCallback(
    (kind: NodeKind | 'boundary') => {
      if (!raw || !current) return
      const el = document.querySelector('.react-flow')?.getBoundingClientRect()
      const centre = el ? flow.screenToFlowPosition({ x: el.left + el.width / 2, y: el.top + el.height / 2 }) : { x: 100, y: 100 }
      const jitter = (Object.keys(raw.processes ?? {}).length % 5) * 24
      const box = kind === 'boundary' ? { x: centre.x - 130 + jitter, y: centre.y - 90 + jitter, width: 260, height: 180 } : { x: centre.x - 65 + jitter, y: centre.y - 27 + jitter }
      const result = addNode(raw, kind, current.id, box)
      commit(result.raw, [result.id])
      setTab('properties')
    },
    [raw, current, flow, commit],
  )

  const openRefinement = useCallback(
    (process: string) => {
      if (!raw) return
      const existing = diagramsOf(raw).find((d) => d.refines === process)
      if (existing) return setDiagram(existing.id)
      const result = addDiagram(raw, `Inside ${raw.processes?.[process]?.name ?? process}`, process)
      commit(result.raw)
      setDiagram(result.id)
    },
    [raw, commit],
  )

  // Keyboard: Delete, undo/redo, copy/paste, save, fit.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement
      const typing = target.closest('input, textarea, select, [contenteditable="true"]')
      const mod = e.ctrlKey || e.metaKey
      if (mod && e.key.toLowerCase() === 's') {
        e.preventDefault()
        void save()
        return
      }
      if (typing) return
      if ((e.key === 'Delete' || e.key === 'Backspace') && selection.length && raw) {
        e.preventDefault()
        commit(deleteIds(raw, selection), [])
      } else if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault()
        if (e.shiftKey) redo()
        else undo()
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault()
        redo()
      } else if (mod && e.key.toLowerCase() === 'c' && selection.length && raw && current) {
        clip.current = copyIds(raw, selection, current.id)
        say(`Copied ${clip.current.entries.length} item(s)`)
      } else if (mod && e.key.toLowerCase() === 'v' && clip.current && raw && current) {
        const result = paste(raw, clip.current, current.id)
        commit(result.raw, result.ids)
      } else if (!mod && e.key.toLowerCase() === 'f') {
        flow.fitView({ padding: 0.15, duration: 250 })
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [selection, raw, current, save, undo, redo, commit, flow, say])

  const newDiagram = async () => {
    if (!raw) return
    const name = await ask('Name of the new diagram', 'New diagram')
    if (!name) return
    const result = addDiagram(raw, name)
    commit(result.raw)
    setDiagram(result.id)
  }
  const renameDiagram = async (id: string) => {
    if (!raw) return
    const name = await ask('Rename the diagram', diagrams.find((d) => d.id === id)?.name)
    if (!name) return
    let next = raw
    if (!raw.diagrams?.[id]) next = setLayout(raw, id, {})
    commit(setField(next, ['diagrams', id, 'name'], name))
  }
  const newFile = async () => {
    const name = await ask('File name of the new model (in the served folder)', 'threatmodel.yaml')
    if (!name) return
    try {
      const state = await api.create(name, 'My system')
      setSession((s) => (s ? { ...s, files: [...s.files, state.name].sort() } : s))
      load(state)
    } catch (e) {
      say((e as Error).message)
    }
  }

  const errorCount = diagnostics.filter((d) => d.severity === 'error').length
  const threats = checked?.analysis?.threats ?? []
  const openThreats = threats.filter((t) => t.status !== 'done').length

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">moat</div>
        {session && (session.files.length > 1 || session.canCreate) ? (
          <select className="file-select" value={file?.name ?? ''} onChange={(e) => (dirty && !window.confirm('Discard unsaved changes?') ? undefined : void open(e.target.value))}>
            {session.files.map((f) => <option key={f} value={f}>{f}</option>)}
          </select>
        ) : (
          <span className="file-name">{file?.name}</span>
        )}
        {session?.canCreate && <button type="button" className="secondary" onClick={newFile}>New model</button>}
        <span className={`save-state${dirty ? ' dirty' : ''}`} data-testid="save-state">{dirty ? 'Unsaved changes' : file ? 'Saved' : ''}</span>
        <div className="spacer" />
        <button type="button" onClick={undo} disabled={!history.past.length} title="Undo (Ctrl+Z)">↶ Undo</button>
        <button type="button" onClick={redo} disabled={!history.future.length} title="Redo (Ctrl+Shift+Z)">↷ Redo</button>
        <button type="button" onClick={runAutoLayout} disabled={!scene || scene.kind !== 'dfd'} title="Lay the diagram out like moat diagram">Auto-layout</button>
        <div className="menu">
          <button type="button">Export ▾</button>
          <div className="menu-items">
            <button type="button" disabled={!scene} onClick={() => scene && exportSvg(scene, boundaries, raw!, checked?.analysis)}>Diagram as SVG</button>
            <button type="button" disabled={!scene} onClick={() => scene && exportPng(scene, boundaries, raw!, checked?.analysis)}>Diagram as PNG</button>
            <button type="button" disabled={!checked?.analysis} onClick={() => checked?.analysis && file && exportHtmlReport(checked.analysis, file.name, file.text).catch((e: Error) => say(e.message))}>HTML report</button>
          </div>
        </div>
        <button type="button" className="primary" data-testid="save" onClick={() => void save()} disabled={busy || !raw} title="Save (Ctrl+S)">Save</button>
      </header>

      <nav className="tabs">
        {diagrams.map((d) => (
          <button type="button" key={d.id} className={`tab${current?.id === d.id ? ' on' : ''}`} onClick={() => setDiagram(d.id)} onDoubleClick={() => renameDiagram(d.id)} title="Double-click to rename">
            {d.refines ? '⊂ ' : ''}{d.name}
          </button>
        ))}
        <button type="button" className="tab add" onClick={newDiagram} title="New diagram">+</button>
      </nav>

      <main className="workspace">
        <aside className="palette" aria-label="palette">
          {(['external', 'process', 'store', 'boundary'] as const).map((kind) => (
            <button
              type="button"
              key={kind}
              className={`palette-item ${kind}`}
              draggable
              data-testid={`palette-${kind}`}
              onDragStart={(e) => {
                e.dataTransfer.setData('application/x-moat-kind', kind)
                e.dataTransfer.effectAllowed = 'copy'
              }}
              onClick={() => addFromPalette(kind)}
              title={`Drag onto the canvas, or click to add a ${kind}`}
            >
              <span className={`glyph ${kind}`} />
              <span>{kind === 'external' ? 'External' : kind === 'process' ? 'Process' : kind === 'store' ? 'Store' : 'Boundary'}</span>
            </button>
          ))}
          <div className="palette-help">Drag from a shape's edge to another shape to draw a flow. Drop shapes into a boundary to put them inside.</div>
        </aside>

        <section className="canvas" data-testid="canvas">
          {parseProblems.length > 0 && (
            <div className="banner error">The file does not parse: {parseProblems[0]!.message} (line {parseProblems[0]!.range?.line}). Fix it in a text editor; the editor reloads it.</div>
          )}
          {scene && raw && scene.kind === 'dfd' ? (
            <Canvas raw={raw} diagram={scene.id} scene={scene} boundaries={boundaries} auto={auto[sceneKey]} badges={badges} problems={problems} selection={selection} onSelect={setSelection} onCommit={commit} />
          ) : scene && raw && scene.kind === 'sequence' ? (
            <SequenceView raw={raw} scene={scene} diagram={scene.id} selection={selection} onSelect={setSelection} onCommit={commit} />
          ) : (
            <div className="empty">{raw ? 'Fix the errors in Review to draw the diagram.' : 'Loading…'}</div>
          )}
        </section>

        <aside className="side">
          <div className="side-tabs" role="tablist">
            {(['properties', 'threats', 'review', 'model'] as Tab[]).map((t) => (
              <button type="button" role="tab" key={t} className={tab === t ? 'on' : ''} onClick={() => setTab(t)} data-testid={`tab-${t}`}>
                {t === 'properties' ? 'Properties' : t === 'threats' ? `Threats ${openThreats ? `(${openThreats})` : ''}` : t === 'review' ? `Review${errorCount ? ` (${errorCount} errors)` : checked?.analysis && !checked.analysis.review.passed ? ' ✗' : ''}` : 'Model'}
              </button>
            ))}
          </div>
          <div className="side-body">
            {raw && tab === 'properties' && <Properties raw={raw} analysis={checked?.analysis} diagnostics={diagnostics} selection={selection} commit={commit} select={select} onOpenRefinement={openRefinement} />}
            {raw && tab === 'threats' && <Threats key={focusThreat} focus={focusThreat} raw={raw} analysis={checked?.analysis} diagnostics={diagnostics} selection={focusThreat ? [] : selection} commit={commit} select={select} />}
            {raw && tab === 'review' && <Review raw={raw} analysis={checked?.analysis} diagnostics={diagnostics} selection={selection} commit={commit} select={select} onThreat={(id) => { setFocusThreat(id); setTab('threats') }} />}
            {raw && tab === 'model' && <ModelPanel raw={raw} analysis={checked?.analysis} diagnostics={diagnostics} selection={selection} commit={commit} select={select} />}
          </div>
        </aside>
      </main>

      <footer className="statusbar">
        <span>{errorCount ? `${errorCount} error(s)` : 'Model valid'}</span>
        <span>{threats.length} threats · {openThreats} open</span>
        {checked?.analysis && <span>{checked.analysis.review.passed ? 'review passes' : 'review fails'}</span>}
        <span className="muted">analysed in {checked ? checked.ms.toFixed(1) : '–'} ms</span>
        <span className="spacer" />
        <span className="muted">Del delete · Ctrl+Z undo · Ctrl+C/V copy · Ctrl+S save · F fit</span>
      </footer>

      {conflict && (
        <div className="modal-backdrop">
          <div className="modal" role="alertdialog" aria-labelledby="conflict-title" data-testid="conflict">
            <h2 id="conflict-title">{file?.name} changed on disk</h2>
            <p>Someone (a text editor, git) changed the file since you opened it. Your unsaved changes are still here.</p>
            <div className="modal-actions">
              <button type="button" onClick={() => load(conflict.current)} data-testid="conflict-reload">Reload from disk (drop my changes)</button>
              <button type="button" className="primary" onClick={() => void save(true)} data-testid="conflict-keep">Keep my version (overwrite the file)</button>
              <button type="button" className="secondary" onClick={() => setConflict(undefined)}>Decide later</button>
            </div>
          </div>
        </div>
      )}
      {asking && <AskDialog {...asking} />}
      {toast && <div className="toast" role="status">{toast}</div>}
    </div>
  )
}

export { kindOf }

function AskDialog({ title, value, done }: { title: string; value: string; done: (answer: string | undefined) => void }) {
  const [text, setText] = useState(value)
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && done(undefined)}>
      <form
        className="modal"
        role="dialog"
        aria-labelledby="ask-title"
        data-testid="ask"
        onSubmit={(e) => {
          e.preventDefault()
          done(text)
        }}
      >
        <h2 id="ask-title">{title}</h2>
        <input
          autoFocus
          data-testid="ask-input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && done(undefined)}
          onFocus={(e) => e.target.select()}
        />
        <div className="modal-actions row">
          <button type="button" className="secondary" onClick={() => done(undefined)}>Cancel</button>
          <button type="submit" className="primary" data-testid="ask-ok">OK</button>
        </div>
      </form>
    </div>
  )
}
