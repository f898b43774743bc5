"use client";
// The school board picker: a search box that narrows a native select, accent- and case-insensitively.
// A native select keeps the phone's own picker and the keyboard behaviour every browser already gets right.
import { useId, useState, type Ref } from "react";
import { useTranslations } from "next-intl";
import type { BoardOption } from "@/db/queries/associations";
import { boardMatches } from "@/lib/board-search";
import { FieldMessage } from "@/app/(parent)/associer/_components/field-message";
import styles from "@/app/(parent)/associer/_components/associate.module.css";

type Props = {
  boards: BoardOption[];
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  error?: string;
  selectRef?: Ref<HTMLSelectElement>;
};

export function BoardPicker({ boards, value, onChange, onBlur, error, selectRef }: Props) {
  const t = useTranslations("associate.board");
  const id = useId();
  const [query, setQuery] = useState("");
  // The chosen board stays listed whatever the search, so the select never silently changes value.
  const visible = boards.filter((b) => String(b.id) === value || boardMatches(b.name, query));
  const matching = boards.filter((b) => boardMatches(b.name, query)).length;
  const selected = boards.find((b) => String(b.id) === value);

  const search = (text: string) => {
    setQuery(text);
    const found = boards.filter((b) => boardMatches(b.name, text));
    if (text.trim() !== "" && found.length === 1) onChange(String(found[0]!.id));
  };

  return (
    <div className="field">
      <div className={`field ${styles.boardSearch}`}>
        <label htmlFor={`${id}-search`}>{t("searchLabel")}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={query}
          onChange={(event) => search(event.target.value)}
          autoComplete="off"
          aria-describedby={`${id}-count`}
          data-testid="board-search"
        />
        <span id={`${id}-count`} className="hint" aria-live="polite">
          {query.trim() === "" ? t("searchHint") : t("matches", { count: matching })}
        </span>
      </div>
      <label htmlFor={`${id}-select`}>{t("label")}</label>
      <select
        id={`${id}-select`}
        ref={selectRef}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : selected && !selected.subscribed ? `${id}-closed` : undefined}
        data-testid="board-select"
      >
        <option value="">{t("placeholder")}</option>
        {visible.map((board) => (
          <option key={board.id} value={String(board.id)}>
            {board.subscribed ? board.name : t("notSubscribedOption", { name: board.name })}
          </option>
        ))}
      </select>
      {selected && !selected.subscribed && (
        <span id={`${id}-closed`} className="hint">
          {t("notSubscribed")}
        </span>
      )}
      <FieldMessage id={`${id}-error`} message={error} />
    </div>
  );
}
