// The share form's choices for people outside the team: a lasting link (a bucket that serves it publicly, no 7-day
// limit) and end-to-end encryption (the key in the link, or the password as the key). What each means is said next to
// it, including that bucket links count no views. Lasting needs an S3 workspace, so it is offered only there.
import { useEffect, useState } from 'react';
import { useApi } from '../api/context';

export interface ShareReach {
  lasting: boolean;
  encrypt: boolean;
}

export function ShareReachFields({ id, value, onChange }: { id: string; value: ShareReach; onChange: (next: ShareReach) => void }) {
  const api = useApi();
  const [bucket, setBucket] = useState(false);
  useEffect(() => {
    let live = true;
    // Unknown until the workspace answers: lasting stays hidden, which is the folder workspace's behaviour anyway.
    api.workspace.get().then(
      (info) => live && setBucket(info.kind === 's3'),
      () => live && setBucket(false),
    );
    return () => {
      live = false;
    };
  }, [api]);
  return (
    <fieldset className="share-reach">
      <legend className="hint">For people outside the team</legend>
      {bucket ? (
        <label className="check" htmlFor={`${id}-lasting`}>
          <input id={`${id}-lasting`} type="checkbox" checked={value.lasting} onChange={(e) => onChange({ ...value, lasting: e.target.checked })} />
          Lasting link (served by the bucket, no 7-day limit; views are not counted)
        </label>
      ) : null}
      <label className="check" htmlFor={`${id}-encrypt`}>
        <input id={`${id}-encrypt`} type="checkbox" checked={value.encrypt} onChange={(e) => onChange({ ...value, encrypt: e.target.checked })} />
        End-to-end encrypt (the key is in the link, or is the password; {bucket ? 'the bucket' : 'the server'} cannot watch it)
      </label>
    </fieldset>
  );
}
