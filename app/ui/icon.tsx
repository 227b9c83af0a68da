// A few inline SVG icons: no icon font, no request, inherits the text colour.
const paths = {
  logo: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 3a3 3 0 1 1 0 6 3 3 0 0 1 0-6Zm-5 11.2c1.2-1.9 3-2.7 5-2.7s3.8.8 5 2.7A7.9 7.9 0 0 1 12 19a7.9 7.9 0 0 1-5-2.8Z",
  people: "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm7 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM1 20c0-3.3 3.6-6 8-6s8 2.7 8 6v1H1v-1Zm17.5 1v-1c0-1.9-.8-3.6-2.1-4.9 3.1.2 5.6 2.2 5.6 4.9v1h-3.5Z",
  arrow: "M13.2 5.3 19.9 12l-6.7 6.7-1.4-1.4 4.3-4.3H4v-2h12.1l-4.3-4.3 1.4-1.4Z",
  check: "M9.5 16.2 5.3 12l-1.4 1.4 5.6 5.6L21.1 7.4 19.7 6 9.5 16.2Z",
} as const;

export function Icon({ name, label }: { name: keyof typeof paths; label?: string }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden={label ? undefined : true} role={label ? "img" : undefined} aria-label={label}>
      <path d={paths[name]} fill="currentColor" />
    </svg>
  );
}
