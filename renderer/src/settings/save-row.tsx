// The end of every settings form: its submit button and what saving said (announced: a status when it worked, an
// alert when it did not).
export type SaveStatus = { ok: boolean; text: string } | null;

export function SaveRow({ label, status }: { label: string; status: SaveStatus }) {
  return (
    <>
      <button type="submit" className="primary">
        {label}
      </button>
      {status ? (
        <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'hint' : 'field-error'}>
          {status.text}
        </p>
      ) : null}
    </>
  );
}
