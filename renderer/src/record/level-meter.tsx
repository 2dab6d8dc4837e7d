/** Live mic level (0–1, from `recorder:level`-style events) with the "your mic is silent" warning. */
export function LevelMeter({ level, silent }: { level: number; silent: boolean }) {
  const pct = Math.round(Math.max(0, Math.min(1, level)) * 100);
  return (
    <div className="level">
      <label htmlFor="level-meter">Microphone level</label>
      <meter id="level-meter" min={0} max={100} low={10} high={85} optimum={50} value={pct} data-testid="level-meter">
          {pct}%
      </meter>
      {silent ? (
        <p role="alert" className="field-error" data-testid="silent-mic">
          Your mic is silent. Check that it is not muted, or pick another microphone.
        </p>
      ) : null}
    </div>
  );
}
