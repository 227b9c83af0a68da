// A table wider than a phone: it scrolls sideways inside the page, and is a named, focusable
// region so a keyboard can scroll it too (WCAG 2.1.1; axe "scrollable-region-focusable").

export function ScrollTable({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
