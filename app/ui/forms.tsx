// Form pieces: labelled fields with translated errors, and the form-level alert.
import { useTranslation } from "react-i18next";

export type FieldErrors = Partial<Record<string, string>>;

export function Field({
  name,
  label,
  hint,
  error,
  type = "text",
  defaultValue,
  required,
  autoComplete,
  children,
  id: givenId,
  ...rest
}: {
  id?: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  type?: string;
  defaultValue?: string;
  required?: boolean;
  autoComplete?: string;
  children?: React.ReactNode;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "type" | "defaultValue" | "required" | "autoComplete" | "children">) {
  const { t } = useTranslation();
  const id = givenId ?? `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? <p className="field__hint" id={`${id}-hint`}>{hint}</p> : null}
      {children ?? (
        <input
          id={id}
          name={name}
          type={type}
          defaultValue={defaultValue}
          required={required}
          autoComplete={autoComplete}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...rest}
        />
      )}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

export function SelectField({
  id: givenId,
  name,
  label,
  hint,
  error,
  defaultValue,
  options,
}: {
  id?: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
  options: Array<{ value: string; label: string }>;
}) {
  const id = givenId ?? `field-${name}`;
  return (
    <Field id={id} name={name} label={label} hint={hint} error={error}>
      <select id={id} name={name} defaultValue={defaultValue} aria-invalid={error ? true : undefined}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A message about the whole form, announced to screen readers. Takes a locale key. */
export function FormAlert({ message, tone = "error", values }: { message?: string | null; tone?: "error" | "success"; values?: Record<string, unknown> }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <p className={`alert alert--${tone}`} role={tone === "error" ? "alert" : "status"}>
      {t(message, values)}
    </p>
  );
}

/**
 * The confirmation an irreversible one-click action asks for: a required checkbox in the same
 * form, so it works with or without JavaScript (the browser blocks an unticked submit; the
 * server checks it too with `isConfirmed`).
 */
export function ConfirmBox({ label }: { label: string }) {
  return (
    <label className="checkbox">
      <input type="checkbox" name="confirm" value="yes" required /> {label}
    </label>
  );
}

export function isConfirmed(form: FormData): boolean {
  return form.get("confirm") === "yes";
}

/** Reads a form field as a trimmed string ("" when absent or not text). */
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
