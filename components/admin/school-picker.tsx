"use client";
// A school filter for scopes of any size: a text field that asks /api/staff/schools for the schools matching what is
// typed (a few at a time) and keeps the chosen one's id in a hidden field of the surrounding GET form. The page
// sends only the school already chosen, never the scope's whole list. Empty field = every school.
import { useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";

export type PickedSchool = { id: number; name: string; boardName: string };

const MIN_LETTERS = 2;
const DEBOUNCE_MS = 200;

export function SchoolPicker({
  id,
  name,
  label,
  selected,
  showBoard,
}: {
  id: string;
  name: string;
  label: string;
  selected: PickedSchool | null;
  /** Show each school's board (a scope of several boards). */
  showBoard: boolean;
}) {
  const t = useTranslations("schoolPicker");
  const textOf = (school: PickedSchool) => (showBoard ? `${school.name} (${school.boardName})` : school.name);
  const [chosen, setChosen] = useState<PickedSchool | null>(selected);
  const [text, setText] = useState(selected ? textOf(selected) : "");
  // The school the page applied, as last shown. A client navigation (the form's next/form submit, "reset", a pager
  // link, the browser's back button) keeps this component: when the page applies another school, it is shown.
  const [applied, setApplied] = useState(selected?.id ?? null);
  if ((selected?.id ?? null) !== applied) {
    setApplied(selected?.id ?? null);
    setChosen(selected);
    setText(selected ? textOf(selected) : "");
  }
  const [matches, setMatches] = useState<PickedSchool[] | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [failed, setFailed] = useState(false);
  const listId = useId();
  const hintId = useId();
  const pending = useRef<AbortController | null>(null);

  const typed = text.trim();
  const searching = open && !chosen && typed.length >= MIN_LETTERS;

  useEffect(() => {
    if (!searching) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      pending.current?.abort();
      pending.current = controller;
      try {
        const response = await fetch(`/api/staff/schools?q=${encodeURIComponent(typed)}`, { signal: controller.signal });
        if (!response.ok) throw new Error(String(response.status));
        const body = (await response.json()) as { schools: PickedSchool[] };
        setMatches(body.schools);
        setActive(body.schools.length > 0 ? 0 : -1);
        setFailed(false);
      } catch {
        if (!controller.signal.aborted) {
          setFailed(true);
          setMatches(null);
        }
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [searching, typed]);

  function choose(school: PickedSchool) {
    setChosen(school);
    setText(textOf(school));
    setOpen(false);
    setMatches(null);
  }

  const shown = searching && matches ? matches : [];
  const status = !open || chosen
    ? ""
    : typed.length < MIN_LETTERS
      ? t("typeMore", { count: MIN_LETTERS })
      : failed
        ? t("failed")
        : matches === null
          ? ""
          : t("matches", { count: matches.length });

  return (
    <div className="field school-picker">
      <label htmlFor={id}>{label}</label>
      <span id={hintId} className="hint">
        {t("hint")}
      </span>
      <input type="hidden" name={name} value={chosen?.id ?? ""} />
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={shown.length > 0}
        aria-controls={listId}
        aria-describedby={hintId}
        aria-activedescendant={shown.length > 0 && active >= 0 ? `${listId}-${active}` : undefined}
        placeholder={t("placeholder")}
        value={text}
        maxLength={100}
        onChange={(event) => {
          setText(event.target.value);
          setChosen(null);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && shown.length > 0) {
            event.preventDefault();
            setActive((i) => (i + 1) % shown.length);
          } else if (event.key === "ArrowUp" && shown.length > 0) {
            event.preventDefault();
            setActive((i) => (i <= 0 ? shown.length - 1 : i - 1));
          } else if (event.key === "Enter" && shown.length > 0 && active >= 0) {
            event.preventDefault();
            choose(shown[active]!);
          } else if (event.key === "Escape") {
            setOpen(false);
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label={label} className="school-picker-list" hidden={shown.length === 0}>
        {shown.map((school, index) => (
          <li
            key={school.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            // Chosen before the field's blur closes the list.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(school);
            }}
          >
            {school.name}
            {showBoard && <span className="muted small"> · {school.boardName}</span>}
          </li>
        ))}
      </ul>
      <span role="status" className="hint">
        {status}
      </span>
    </div>
  );
}
