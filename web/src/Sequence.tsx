/**
 * A protocol's messages: the sequence diagram as `moat diagram` draws it, and beneath it the
 * messages in order, to reorder, add and protect. The picture is an <img> of our own escaped SVG,
 * so nothing in model text can run in the page.
 */
import { useMemo, useState } from 'react'
import type { Scene } from '../../src/render/index.js'
import { sequenceSvg } from '../../src/render/sequence.js'
import { addFlow, setField, type Raw } from './model-ops'

const PROTECTIONS = ['encrypted', 'signed', 'authenticated', 'nonce'] as const

interface Props {
  raw: Raw
  scene: Scene
  diagram: string
  selection: string[]
  onSelect: (ids: string[]) => void
  onCommit: (raw: Raw, select?: string[]) => void
}

export function SequenceView({ raw, scene, diagram, selection, onSelect, onCommit }: Props) {
  const picture = useMemo(() => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(sequenceSvg(scene))}`, [scene])
  const messages = useMemo(
    () =>
      Object.entries((raw.flows ?? {}) as Record<string, Raw>)
        .map(([id, f]) => ({ id, flow: f }))
        .sort((a, b) => (a.flow.order ?? Number.MAX_SAFE_INTEGER) - (b.flow.order ?? Number.MAX_SAFE_INTEGER)),
    [raw],
  )
  const parties = useMemo(
    () => [...Object.entries((raw.externals ?? {}) as Record<string, Raw>), ...Object.entries((raw.processes ?? {}) as Record<string, Raw>)].map(([id, p]) => ({ id, name: (p?.name as string) ?? id })),
    [raw],
  )
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')

  /** Orders 1..n in the list's order, so moving one message renumbers them all. */
  const renumber = (ids: string[]) => ids.reduce((r, id, i) => setField(r, ['flows', id, 'order'], i + 1), raw)
  const move = (index: number, by: -1 | 1) => {
    const ids = messages.map((m) => m.id)
    const other = index + by
    if (other < 0 || other >= ids.length) return
    ;[ids[index], ids[other]] = [ids[other]!, ids[index]!]
    onCommit(renumber(ids), [ids[other]!])
  }
  const add = () => {
    if (!from || !to || from === to) return
    const added = addFlow(raw, from, to, diagram)
    onCommit(setField(added.raw, ['flows', added.id, 'order'], messages.length + 1), [added.id])
  }

  return (
    <div className="sequence" data-testid="sequence">
      <img className="sequence-picture" src={picture} alt={`Sequence diagram: ${scene.title}`} />
      <table className="messages">
        <thead>
          <tr>
            <th>#</th>
            <th>Message</th>
            <th>From → to</th>
            {PROTECTIONS.map((p) => <th key={p}>{p}</th>)}
            <th />
          </tr>
        </thead>
        <tbody>
          {messages.map(({ id, flow }, i) => (
            <tr key={id} className={selection.includes(id) ? 'on' : ''} onClick={() => onSelect([id])} data-message={id}>
              <td>{flow.order ?? '–'}</td>
              <td>{(flow.name as string) ?? id}</td>
              <td className="muted">{String(flow.from)} → {String(flow.to)}</td>
              {PROTECTIONS.map((p) => (
                <td key={p}>
                  <input
                    type="checkbox"
                    aria-label={`${id} ${p}`}
                    checked={flow[p] === true}
                    onClick={(e) => e.stopPropagation()}
                    onChange={(e) => onCommit(setField(raw, ['flows', id, p], e.target.checked), [id])}
                  />
                </td>
              ))}
              <td className="move">
                <button type="button" aria-label="earlier" disabled={i === 0} onClick={(e) => (e.stopPropagation(), move(i, -1))}>↑</button>
                <button type="button" aria-label="later" disabled={i === messages.length - 1} onClick={(e) => (e.stopPropagation(), move(i, 1))}>↓</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="add-message">
        <select aria-label="from" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="message-from">
          <option value="">from…</option>
          {parties.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
        <select aria-label="to" value={to} onChange={(e) => setTo(e.target.value)} data-testid="message-to">
          <option value="">to…</option>
          {parties.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
        <button type="button" className="secondary" disabled={!from || !to || from === to} onClick={add} data-testid="message-add">+ Message</button>
      </div>
    </div>
  )
}
