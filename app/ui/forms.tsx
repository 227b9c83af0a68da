// Form pieces: labelled fields with translated errors, and the form-level alert.
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

/**
 * Focus on an element when it appears (the answer to a form post). `autoFocus` covers a full
 * page load (the browser honours the attribute); React itself focuses only form controls, so
 * after a navigation in a hydrated page this does it.
 */
export function useFocusWhenShown<T extends HTMLElement>(active: boolean, what: unknown = null) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (active && ref.current && document.activeElement !== ref.current) ref.current.focus();
  }, [active, what]);
  return ref;
}

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

/**
 * A message about the whole form, announced to screen readers. Takes a locale key. With `focus`
 * (the answer to a form post), focus moves to it when it appears, so keyboard and screen-reader
 * users land on what happened: the browser does it on a full page load (autofocus), React after
 * a navigation.
 */
export function FormAlert({ message, tone = "error", values, focus = false }: { message?: string | null; tone?: "error" | "success"; values?: Record<string, unknown>; focus?: boolean }) {
  const { t } = useTranslation();
  const ref = useFocusWhenShown<HTMLParagraphElement>(focus && Boolean(message), message);
  if (!message) return null;
  return (
    <p ref={ref} className={`alert alert--${tone}`} role={tone === "error" ? "alert" : "status"} tabIndex={focus ? -1 : undefined} autoFocus={focus || undefined}>
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
