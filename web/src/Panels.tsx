/** The side panels: properties of the selection, threats, review, and the model's other parts. */
import { useMemo, useState, type ReactElement } from 'react'
import {
  AssetSchema, ActorSchema, AssumptionSchema, BoundarySchema, ControlSchema, DiagramSchema, ExternalSchema, FlowSchema, ProcessSchema, StoreSchema, SystemSchema,
  IMPACTS, LIKELIHOODS, RESPONSES, RESPONSE_STATUSES, SEVERITIES, STRIDE, QUESTION_TITLES, severityRank,
  type Analysis, type Diagnostic, type Threat,
} from '../../src/core/index.js'
import { SEVERITY_COLOUR } from '../../src/render/theme.js'
import { renameId } from '../../src/core/edit/rename-id.js'
import { fieldsOf, type Field, type RefTarget } from './schema-fields'
import { addEntry, COLLECTION, kindOf, removeEntry, setField, setThreatField, type Kind, type Raw } from './model-ops'

const SCHEMA = {
  external: ExternalSchema, process: ProcessSchema, store: StoreSchema, boundary: BoundarySchema, flow: FlowSchema,
  asset: AssetSchema, actor: ActorSchema, control: ControlSchema, diagram: DiagramSchema, assumption: AssumptionSchema,
} as const
const FIELDS = Object.fromEntries(Object.entries(SCHEMA).map(([k, s]) => [k, fieldsOf(s)])) as Record<Kind, Field[]>
const SYSTEM_FIELDS = fieldsOf(SystemSchema)

export interface PanelProps {
  raw: Raw
  analysis?: Analysis
  diagnostics: Diagnostic[]
  selection: string[]
  commit: (raw: Raw, select?: string[]) => void
  select: (ids: string[]) => void
}

const KIND_LABEL: Record<Kind, string> = {
  external: 'External entity', process: 'Process', store: 'Data store', boundary: 'Trust boundary', flow: 'Data flow',
  asset: 'Asset', actor: 'Actor', control: 'Control', diagram: 'Diagram', assumption: 'Assumption',
}

function options(raw: Raw, to: RefTarget): { id: string; name: string }[] {
  const of = (c: string) => Object.entries((raw[c] ?? {}) as Record<string, Raw>).map(([id, v]) => ({ id, name: v?.name ?? id }))
  switch (to) {
    case 'boundaries':
      return of('boundaries')
    case 'nodes':
      return [...of('externals'), ...of('processes'), ...of('stores')]
    case 'processes':
      return of('processes')
    case 'assets':
      return of('assets')
    case 'controls':
      return of('controls')
    case 'targets':
      return [...of('externals'), ...of('processes'), ...of('stores'), ...of('flows'), ...of('boundaries')]
  }
}

/** One field of an entry, as its schema says; the diagnostics about it below. */
function FieldInput({ field, value, raw, onChange, problems, testId }: { field: Field; value: unknown; raw: Raw; onChange: (v: unknown) => void; problems: Diagnostic[]; testId: string }) {
  const k = field.kind
  let input: ReactElement
  const placeholder = field.defaultValue !== undefined ? `default: ${String(field.defaultValue)}` : field.required ? 'required' : ''
  switch (k.type) {
    case 'text':
      input = k.long ? (
        <textarea data-testid={testId} value={typeof value === 'string' ? value : value === undefined ? '' : String(value)} placeholder={placeholder} rows={3} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input data-testid={testId} value={value === undefined || value === null ? '' : String(value)} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
      )
      break
    case 'number':
      input = <input data-testid={testId} type="number" value={typeof value === 'number' ? value : ''} onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))} />
      break
    case 'boolean':
      input = (
        <select data-testid={testId} value={value === true ? 'yes' : value === false ? 'no' : ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'yes')}>
          <option value="">{field.defaultValue !== undefined ? `(default: ${field.defaultValue ? 'yes' : 'no'})` : '(not set)'}</option>
          <option value="yes">yes</option>
          <option value="no">no</option>
        </select>
      )
      break
    case 'enum':
      input = (
        <select data-testid={testId} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)}>
          <option value="">{field.defaultValue !== undefined ? `(default: ${String(field.defaultValue)})` : '(not set)'}</option>
          {k.options.map((o) => (
            <option key={o} value={o}>{o}</option>
          ))}
        </select>
      )
      break
    case 'list':
      input = (
        <ListInput testId={testId} value={Array.isArray(value) ? value.map(String) : []} onChange={onChange} />
      )
      break
    case 'ref':
      if (!k.many) {
        const opts = options(raw, k.to)
        input = (
          <select data-testid={testId} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)}>
            <option value="">(none)</option>
            {typeof value === 'string' && value && !opts.some((o) => o.id === value) && <option value={value}>{value} (undefined)</option>}
            {opts.map((o) => (
              <option key={o.id} value={o.id}>{o.name === o.id ? o.id : `${o.name} (${o.id})`}</option>
            ))}
          </select>
        )
      } else input = <MultiRef testId={testId} value={Array.isArray(value) ? value.map(String) : []} options={options(raw, k.to)} onChange={onChange} />
      break
    default:
      input = <div className="muted small">{value === undefined ? 'not set' : 'set in the YAML file'} (edit it there; it is kept)</div>
  }
  return (
    <label className={`field${problems.some((p) => p.severity === 'error') ? ' has-error' : ''}`} title={field.description}>
      <span className="field-label">
        {field.label}
        {field.required && <span className="required">*</span>}
      </span>
      {input}
      {problems.map((p, i) => (
        <span key={i} className={`field-problem ${p.severity}`}>
          {p.message}
          {p.hint && <span className="hint"> — {p.hint}</span>}
        </span>
      ))}
    </label>
  )
}

function ListInput({ value, onChange, testId }: { value: string[]; onChange: (v: unknown) => void; testId: string }) {
  const [text, setText] = useState(value.join(', '))
  const joined = value.join(', ')
  const [last, setLast] = useState(joined)
  if (last !== joined) {
    setLast(joined)
    setText(joined)
  }
  return (
    <input
      data-testid={testId}
      value={text}
      placeholder="comma-separated"
      onChange={(e) => setText(e.target.value)}
      onBlur={() => onChange(text.split(',').map((s) => s.trim()).filter(Boolean))}
      onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
    />
  )
}

function MultiRef({ value, options: opts, onChange, testId }: { value: string[]; options: { id: string; name: string }[]; onChange: (v: unknown) => void; testId: string }) {
  const rest = opts.filter((o) => !value.includes(o.id))
  return (
    <div className="chips" data-testid={testId}>
      {value.map((id) => (
        <span key={id} className="chip">
          {opts.find((o) => o.id === id)?.name ?? id}
          <button type="button" aria-label={`remove ${id}`} onClick={() => onChange(value.filter((v) => v !== id))}>×</button>
        </span>
      ))}
      {rest.length > 0 && (
        <select value="" onChange={(e) => e.target.value && onChange([...value, e.target.value])} aria-label="add">
          <option value="">+ add…</option>
          {rest.map((o) => (
            <option key={o.id} value={o.id}>{o.name === o.id ? o.id : `${o.name} (${o.id})`}</option>
          ))}
        </select>
      )}
    </div>
  )
}

/** The form of one entry of a collection, generated from its schema. */
export function EntryForm({ raw, kind, id, diagnostics, commit }: { raw: Raw; kind: Kind; id: string; diagnostics: Diagnostic[]; commit: (raw: Raw) => void }) {
  const collection = COLLECTION[kind]
  const value = (raw[collection]?.[id] ?? {}) as Raw
  const mine = diagnostics.filter((d) => d.path[0] === collection && d.path[1] === id)
  const known = new Set(FIELDS[kind].map((f) => f.key))
  const general = mine.filter((d) => d.path.length < 3 || !known.has(String(d.path[2])))
  const unknown = Object.keys(value).filter((k) => !known.has(k) && k !== 'layout' && k !== 'elements')
  return (
    <div className="entry-form">
      {general.map((p, i) => (
        <div key={i} className={`field-problem ${p.severity}`}>{p.message}</div>
      ))}
      {FIELDS[kind].map((field) => (
        <FieldInput
          key={field.key}
          testId={`field-${field.key}`}
          field={field}
          value={value[field.key]}
          raw={raw}
          problems={mine.filter((d) => d.path.length >= 3 && d.path[2] === field.key)}
          onChange={(v) => commit(setField(raw, [collection, id, field.key], v))}
        />
      ))}
      {unknown.length > 0 && <div className="muted small">Also in the file (kept as is): {unknown.join(', ')}</div>}
    </div>
  )
}

export function Properties(props: PanelProps & { onOpenRefinement: (process: string) => void }) {
  const { raw, selection, diagnostics, commit, analysis } = props
  if (selection.length === 0) return <div className="empty">Select a shape or a flow to edit it. Add shapes from the palette on the left; drag from a shape's edge to another to draw a flow.</div>
  if (selection.length > 1) return <div className="empty">{selection.length} selected. Delete removes them; Ctrl+C copies them.</div>
  const id = selection[0]!
  const kind = kindOf(raw, id)
  if (!kind) return <div className="empty">Nothing selected.</div>
  const open = analysis?.threats.filter((t) => t.elements.includes(id) && t.status !== 'done').length ?? 0
  return (
    <div className="properties">
      <div className="panel-title">
        <span className={`kind-tag ${kind}`}>{KIND_LABEL[kind]}</span>
        <IdEditor key={id} id={id} raw={raw} commit={commit} />
      </div>
      {analysis && <div className="muted small">{open} open threat(s) on it: see Threats.</div>}
      {kind === 'process' && (
        <button type="button" className="secondary" onClick={() => props.onOpenRefinement(id)}>Open its refinement (the inside)</button>
      )}
      <EntryForm raw={raw} kind={kind} id={id} diagnostics={diagnostics} commit={commit} />
    </div>
  )
}

/**
 * The id, editable: threat ids and references are built from it, so renaming goes through
 * renameId, which renames every reference and the responses to its threats too.
 */
function IdEditor({ id, raw, commit }: { id: string; raw: Raw; commit: PanelProps['commit'] }) {
  const [text, setText] = useState(id)
  const [problem, setProblem] = useState<string | undefined>()
  const apply = () => {
    const next = text.trim()
    if (next === id) return setProblem(undefined)
    const result = renameId(raw, id, next)
    if ('error' in result) return setProblem(result.error)
    setProblem(undefined)
    commit(result.data, [next])
  }
  return (
    <span className="id-editor">
      <input
        className="id"
        aria-label="id"
        data-testid="prop-id"
        value={text}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply()
          if (e.key === 'Escape') {
            setText(id)
            setProblem(undefined)
          }
        }}
      />
      {problem && <span className="field-problem error">{problem}</span>}
    </span>
  )
}

const sevStyle = (s: string) => ({ background: SEVERITY_COLOUR[s as keyof typeof SEVERITY_COLOUR] ?? '#6b7280' })

export function Threats(props: PanelProps & { focus?: string }) {
  const { raw, analysis, selection, commit } = props
  const [scope, setScope] = useState<'selection' | 'all'>('selection')
  const [category, setCategory] = useState('')
  const [minSeverity, setMinSeverity] = useState('')
  const [openOnly, setOpenOnly] = useState(false)
  const [expanded, setExpanded] = useState<string | undefined>(props.focus)
  const [adding, setAdding] = useState(false)
  const effectiveScope = selection.length ? scope : 'all'
  const list = useMemo(() => {
    if (!analysis) return []
    return analysis.threats.filter(
      (t) =>
        (effectiveScope === 'all' || t.elements.some((e) => selection.includes(e))) &&
        (!category || t.category === category) &&
        (!minSeverity || severityRank(t.residual.severity) >= severityRank(minSeverity as never)) &&
        (!openOnly || t.status !== 'done'),
    )
  }, [analysis, effectiveScope, selection, category, minSeverity, openOnly])
  if (!analysis) return <div className="empty">Threats appear when the model has no errors. Fix the problems listed in Review first.</div>
  return (
    <div className="threats">
      <div className="filters">
        <div className="segmented">
          <button type="button" className={effectiveScope === 'selection' ? 'on' : ''} disabled={!selection.length} onClick={() => setScope('selection')}>Selection</button>
          <button type="button" className={effectiveScope === 'all' ? 'on' : ''} onClick={() => setScope('all')}>Whole model</button>
        </div>
        <select aria-label="category" value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">every category</option>
          {STRIDE.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
        <select aria-label="minimum severity" value={minSeverity} onChange={(e) => setMinSeverity(e.target.value)}>
          <option value="">any severity</option>
          {SEVERITIES.map((s) => <option key={s} value={s}>{s} or worse</option>)}
        </select>
        <label className="check"><input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} /> open only</label>
      </div>
      <div className="list-head">
        <span>{list.length} threat(s) · {list.filter((t) => t.status !== 'done').length} open</span>
        <button type="button" className="secondary" onClick={() => setAdding(!adding)} data-testid="add-threat">+ Threat</button>
      </div>
      {adding && <NewThreat raw={raw} selection={selection} commit={(r, id) => { commit(r); setAdding(false); setExpanded(id) }} />}
      <ul className="threat-list">
        {list.map((t) => (
          <ThreatItem key={t.id} threat={t} raw={raw} expanded={expanded === t.id} toggle={() => setExpanded(expanded === t.id ? undefined : t.id)} commit={commit} select={props.select} />
        ))}
      </ul>
    </div>
  )
}

function ThreatItem({ threat: t, raw, expanded, toggle, commit, select }: { threat: Threat; raw: Raw; expanded: boolean; toggle: () => void; commit: (r: Raw) => void; select: (ids: string[]) => void }) {
  const entry = (raw.threats?.[t.id] ?? {}) as Raw
  const set = (field: string, value: unknown) => commit(setThreatField(raw, t.id, field, value))
  const controls = Object.entries((raw.controls ?? {}) as Record<string, Raw>)
  return (
    <li className={`threat${expanded ? ' expanded' : ''}${t.status === 'done' ? ' done' : ''}`} data-threat={t.id}>
      <button type="button" className="threat-head" onClick={toggle}>
        <span className="sev" style={sevStyle(t.residual.severity)} title={`residual ${t.residual.severity} (inherent ${t.severity})`}>{t.residual.severity}</span>
        <span className="threat-title">{t.title}</span>
        <span className={`status ${t.status}`}>{t.response ? `${t.response.kind} · ${t.status}` : 'no response'}</span>
      </button>
      {expanded && (
        <div className="threat-body">
          <div className="muted small">
            <code>{t.id}</code> · {t.category} · {t.likelihood} × {t.impact} → {t.severity} · on{' '}
            {t.elements.map((e) => (
              <a key={e} href="#" onClick={(ev) => { ev.preventDefault(); select([e]) }}>{e} </a>
            ))}
          </div>
          <p className="description">{t.description}</p>
          {t.mitigations.length > 0 && (
            <ul className="mitigations">{t.mitigations.map((m, i) => <li key={i}>{m}</li>)}</ul>
          )}
          {t.mitigatedBy.length > 0 && <div className="muted small">Mitigated by controls: {t.mitigatedBy.join(', ')}</div>}
          <div className="grid2">
            <label className="field"><span className="field-label">Response</span>
              <select data-testid="threat-response" value={entry.response ?? ''} onChange={(e) => set('response', e.target.value)}>
                <option value="">(none)</option>
                {RESPONSES.map((r) => <option key={r} value={r}>{r}</option>)}
              </select>
            </label>
            <label className="field"><span className="field-label">Status</span>
              <select data-testid="threat-status" value={entry.status ?? ''} onChange={(e) => set('status', e.target.value)}>
                <option value="">(default)</option>
                {RESPONSE_STATUSES.map((r) => <option key={r} value={r}>{r}</option>)}
              </select>
            </label>
          </div>
          <label className="field"><span className="field-label">Rationale</span>
            <textarea data-testid="threat-rationale" rows={2} value={entry.rationale ?? ''} onChange={(e) => set('rationale', e.target.value)} />
          </label>
          <div className="grid2">
            <label className="field"><span className="field-label">Owner</span>
              <input data-testid="threat-owner" value={entry.owner ?? ''} onChange={(e) => set('owner', e.target.value)} />
            </label>
            <label className="field"><span className="field-label">Ticket</span>
              <input value={entry.ticket ?? ''} onChange={(e) => set('ticket', e.target.value)} />
            </label>
          </div>
          <label className="field"><span className="field-label">Controls</span>
            <MultiRef testId="threat-controls" value={Array.isArray(entry.controls) ? entry.controls : []} options={controls.map(([id, c]) => ({ id, name: c?.name ?? id }))} onChange={(v) => set('controls', v)} />
          </label>
        </div>
      )}
    </li>
  )
}

function NewThreat({ raw, selection, commit }: { raw: Raw; selection: string[]; commit: (r: Raw, id: string) => void }) {
  const [title, setTitle] = useState('')
  const [category, setCategory] = useState<string>('spoofing')
  const [likelihood, setLikelihood] = useState('possible')
  const [impact, setImpact] = useState('medium')
  const on = selection.filter((id) => ['external', 'process', 'store', 'flow'].includes(kindOf(raw, id) ?? ''))
  return (
    <div className="new-threat">
      <input placeholder="What can go wrong?" value={title} onChange={(e) => setTitle(e.target.value)} data-testid="new-threat-title" />
      <div className="grid2">
        <select value={category} onChange={(e) => setCategory(e.target.value)}>{STRIDE.map((c) => <option key={c}>{c}</option>)}</select>
        <select value={likelihood} onChange={(e) => setLikelihood(e.target.value)}>{LIKELIHOODS.map((c) => <option key={c}>{c}</option>)}</select>
        <select value={impact} onChange={(e) => setImpact(e.target.value)}>{IMPACTS.map((c) => <option key={c}>{c}</option>)}</select>
      </div>
      <div className="muted small">On: {on.length ? on.join(', ') : 'select an element or flow first'}</div>
      <button
        type="button"
        disabled={!title.trim() || !on.length}
        onClick={() => {
          const base = title.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'threat'
          let id = base
          for (let i = 2; raw.threats?.[id]; i++) id = `${base}-${i}`
          commit(setField(raw, ['threats', id], { title: title.trim(), category, on, likelihood, impact }), id)
        }}
      >Add threat</button>
    </div>
  )
}

export function Review(props: PanelProps & { onThreat: (id: string) => void }) {
  const { analysis, diagnostics, raw, select } = props
  const errors = diagnostics.filter((d) => d.severity === 'error')
  const warnings = diagnostics.filter((d) => d.severity === 'warning')
  const subjectLink = (subject?: string, path?: readonly (string | number)[]) => {
    const id = subject ?? (path && path.length > 1 ? String(path[1]) : undefined)
    if (!id) return null
    if (kindOf(raw, id)) return <a href="#" onClick={(e) => { e.preventDefault(); select([id]) }}>{id}</a>
    if (raw.threats?.[id] || analysis?.threats.some((t) => t.id === id)) return <a href="#" onClick={(e) => { e.preventDefault(); props.onThreat(id) }}>{id}</a>
    return <code>{id}</code>
  }
  return (
    <div className="review">
      {(errors.length > 0 || warnings.length > 0) && (
        <section>
          <h3>Model problems</h3>
          <ul className="findings">
            {[...errors, ...warnings].map((d, i) => (
              <li key={i} className={d.severity}>
                <span className={`dot ${d.severity}`} /> {d.message} {subjectLink(undefined, d.path)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {!analysis ? (
        <div className="empty">The review runs when the model has no errors.</div>
      ) : (
        <>
          <div className={`verdict ${analysis.review.passed ? 'pass' : 'fail'}`}>
            {analysis.review.passed ? 'The review passes' : 'The review does not pass yet'} · {analysis.review.summary.pass} pass, {analysis.review.summary.fail} fail
          </div>
          {(Object.keys(QUESTION_TITLES) as (keyof typeof QUESTION_TITLES)[]).map((q) => (
            <section key={q}>
              <h3>{QUESTION_TITLES[q]}</h3>
              {analysis.review.checks.filter((c) => c.question === q).map((c) => (
                <details key={c.id} className={`review-check ${c.status} ${c.severity}`} open={c.status === 'fail' && c.findings.length <= 5}>
                  <summary>
                    <span className={`check-status ${c.status}`}>{c.status === 'pass' ? '✓' : c.status === 'fail' ? (c.severity === 'error' ? '✗' : '!') : '–'}</span> {c.title} <code className="muted">{c.id}</code>
                  </summary>
                  {c.waiver && <div className="muted small">Waived: {c.waiver}</div>}
                  <ul className="findings">
                    {c.findings.slice(0, 50).map((f, i) => (
                      <li key={i}>{f.message} {subjectLink(f.subject, f.path)}</li>
                    ))}
                    {c.findings.length > 50 && <li className="muted">… and {c.findings.length - 50} more</li>}
                  </ul>
                </details>
              ))}
            </section>
          ))}
        </>
      )}
    </div>
  )
}

const SECTIONS: { kind: Kind | 'system'; title: string }[] = [
  { kind: 'system', title: 'System' },
  { kind: 'asset', title: 'Assets' },
  { kind: 'actor', title: 'Actors' },
  { kind: 'control', title: 'Controls' },
  { kind: 'assumption', title: 'Assumptions' },
]

export function ModelPanel(props: PanelProps) {
  const { raw, diagnostics, commit } = props
  const [section, setSection] = useState<Kind | 'system'>('system')
  const [open, setOpen] = useState<string | undefined>()
  return (
    <div className="model-panel">
      <div className="segmented wrap">
        {SECTIONS.map((s) => (
          <button type="button" key={s.kind} className={section === s.kind ? 'on' : ''} onClick={() => setSection(s.kind)}>{s.title}</button>
        ))}
      </div>
      {section === 'system' ? (
        <div className="entry-form">
          {SYSTEM_FIELDS.map((f) => (
            <FieldInput key={f.key} testId={`system-${f.key}`} field={f} value={raw.system?.[f.key]} raw={raw} problems={diagnostics.filter((d) => d.path[0] === 'system' && d.path[1] === f.key)} onChange={(v) => commit(setField(raw, ['system', f.key], v))} />
          ))}
        </div>
      ) : (
        <Collection kind={section} raw={raw} diagnostics={diagnostics} commit={commit} open={open} setOpen={setOpen} />
      )}
    </div>
  )
}

function Collection({ kind, raw, diagnostics, commit, open, setOpen }: { kind: Kind; raw: Raw; diagnostics: Diagnostic[]; commit: (r: Raw) => void; open?: string; setOpen: (id?: string) => void }) {
  const collection = COLLECTION[kind]
  const entries = Object.entries((raw[collection] ?? {}) as Record<string, Raw>)
  const add = () => {
    const base = kind === 'assumption' ? { description: 'What we take for granted.' } : kind === 'control' ? { name: 'New control', kind: 'authentication', on: [] } : { name: `New ${kind}` }
    const { raw: next, id } = addEntry(raw, kind, base, `${kind}-${entries.length + 1}`)
    commit(next)
    setOpen(id)
  }
  return (
    <div className="collection">
      <div className="list-head">
        <span>{entries.length} {COLLECTION[kind]}</span>
        <button type="button" className="secondary" onClick={add}>+ Add</button>
      </div>
      <ul className="entries">
        {entries.map(([id, v]) => {
          const problems = diagnostics.filter((d) => d.path[0] === collection && d.path[1] === id)
          return (
            <li key={id} className={open === id ? 'open' : ''}>
              <div className="entry-head">
                <button type="button" className="link" onClick={() => setOpen(open === id ? undefined : id)}>
                  {problems.some((p) => p.severity === 'error') && <span className="dot error" />} {v?.name ?? v?.description ?? id} <code className="muted">{id}</code>
                </button>
                <button type="button" className="icon" aria-label={`delete ${id}`} onClick={() => commit(removeEntry(raw, collection, id))}>🗑</button>
              </div>
              {open === id && <EntryForm raw={raw} kind={kind} id={id} diagnostics={diagnostics} commit={commit} />}
            </li>
          )
        })}
      </ul>
    </div>
  )
}
