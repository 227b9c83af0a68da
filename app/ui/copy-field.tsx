// A read-only field with a copy button that says "Copied" in a live region. Without JavaScript the
// button stays hidden and the field can be selected and copied by hand. On light pages the live
// island wires the button (islands/live/copy.ts); on pages that hydrate, this component does.
import { useEffect, useState } from "react";

export function CopyField({ id, label, value, copyLabel, copiedLabel }: { id: string; label: string; value: string; copyLabel: string; copiedLabel: string }) {
  const [canCopy, setCanCopy] = useState(false);
  const [status, setStatus] = useState("");
  useEffect(() => setCanCopy(Boolean(navigator.clipboard)), []);
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field__row">
        <input id={id} className="copyable" readOnly value={value} onFocus={(event) => event.currentTarget.select()} />
        <button
          type="button"
          className="button"
          data-copy-target={id}
          data-copied={copiedLabel}
          hidden={!canCopy}
          onClick={(event) => {
            const field = document.getElementById(id) as HTMLInputElement | null;
            // The text is re-set each time so a second copy is announced again.
            setStatus("");
            void navigator.clipboard.writeText(value).then(
              () => setStatus(copiedLabel),
              () => field?.select(),
            );
            event.currentTarget.focus();
          }}
        >
          {copyLabel}
        </button>
        <span role="status" className="small" data-copy-status>{status}</span>
      </div>
    </div>
  );
}
