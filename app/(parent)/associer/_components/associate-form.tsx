"use client";
// The association form of the guides: "J'ai reçu un NIP" no → board, names, date of birth, fiche or code
// permanent; yes → the NIP alone. After a success, "Repeat for another child" starts over with the same board.
import { useEffect, useId, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Controller, useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { AssociationFailure } from "@/app/(parent)/associer/_components/association-failure";
import { BirthDateFields } from "@/app/(parent)/associer/_components/birth-date-fields";
import { BoardPicker } from "@/app/(parent)/associer/_components/board-picker";
import { useMessage } from "@/app/(parent)/associer/_components/field-message";
import { AccountEmailNotice } from "@/app/(parent)/associer/_components/account-email-notice";
import { OtherSituations } from "@/app/(parent)/associer/_components/other-situations";
import {
  attemptPaths,
  sendAttempt,
  type AssociatedChildData,
  type AttemptAnswer,
} from "@/app/(parent)/associer/_components/send-attempt";
import { TextInput } from "@/app/(parent)/associer/_components/text-input";
import styles from "@/app/(parent)/associer/_components/associate.module.css";
import { useFocusFirstInvalid } from "@/components/ui/focus-on-failure";
import type { BoardOption } from "@/db/queries/associations";
import type { ActionResult } from "@/lib/safe-action";
import {
  associateByMatchSchema,
  associateByNipSchema,
  type AssociateByMatchInput,
  type AssociateByMatchValues,
  type AssociateByNipInput,
} from "@/lib/validations/association";

type Mode = "match" | "nip";
type Result = ActionResult<AssociatedChildData>;

/** Sends the attempt; a session that ended meanwhile opens the sign-in page (null: nothing to show here). */
function useAttempt(path: (typeof attemptPaths)[keyof typeof attemptPaths]) {
  const router = useRouter();
  return async (values: unknown): Promise<Result | null> => {
    const answer: AttemptAnswer = await sendAttempt(path, values);
    if (!answer.ok && answer.error === "sessionEnded" && "redirectTo" in answer) {
      router.push(answer.redirectTo);
      return null;
    }
    return answer as Result;
  };
}

export type AssociateFormProps = {
  boards: BoardOption[];
  accountEmail: string;
  /** From the query string (the "My children" buttons): a board id and a first name, or the NIP path. */
  initial: { boardId: string; firstName: string; mode: Mode };
};

function serverFieldError(result: Result | null, ...names: string[]): string | undefined {
  if (!result || result.ok) return undefined;
  for (const name of names) {
    const message = result.fieldErrors?.[name]?.[0];
    if (message) return message;
  }
  return undefined;
}

export function AssociateForm({ boards, accountEmail, initial }: AssociateFormProps) {
  const t = useTranslations("associate");
  const [mode, setMode] = useState<Mode>(initial.mode);
  const [boardId, setBoardId] = useState(initial.boardId);
  const [firstName, setFirstName] = useState(initial.firstName);
  const [associated, setAssociated] = useState<AssociatedChildData | null>(null);
  const [round, setRound] = useState(0);
  const radioName = useId();

  const repeat = () => {
    setAssociated(null);
    setFirstName("");
    setMode("match");
    setRound((n) => n + 1);
  };

  return (
    <>
      <div className="card stack">
        <h1 className={styles.title}>{t("title")}</h1>
        {associated ? (
          <AssociationSuccess child={associated} onRepeat={repeat} />
        ) : (
          <>
            <p>{t("intro")}</p>
            <AccountEmailNotice email={accountEmail} />
            <fieldset className={styles.fieldset}>
              <legend>{t("hasNip.legend")}</legend>
              <div className={styles.choices}>
                {(["nip", "match"] as const).map((value) => (
                  <label key={value} className={styles.choice}>
                    <input
                      type="radio"
                      name={radioName}
                      value={value}
                      checked={mode === value}
                      onChange={() => setMode(value)}
                      data-testid={value === "nip" ? "has-nip-yes" : "has-nip-no"}
                    />
                    {value === "nip" ? t("hasNip.yes") : t("hasNip.no")}
                  </label>
                ))}
              </div>
            </fieldset>
            {mode === "nip" ? (
              <NipForm key={`nip-${round}`} accountEmail={accountEmail} onAssociated={setAssociated} />
            ) : (
              <MatchForm
                key={`match-${round}`}
                boards={boards}
                accountEmail={accountEmail}
                defaults={{ boardId, firstName }}
                onBoardChange={setBoardId}
                onAssociated={setAssociated}
              />
            )}
          </>
        )}
      </div>
      <OtherSituations board={boards.find((b) => String(b.id) === boardId)} mode={associated ? "match" : mode} />
    </>
  );
}

function AssociationSuccess({ child, onRepeat }: { child: AssociatedChildData; onRepeat: () => void }) {
  const t = useTranslations("associate.success");
  const heading = useRef<HTMLParagraphElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="stack">
      <div className={`alert alert-ok ${styles.notice}`} role="status" data-testid="association-success">
        <p ref={heading} tabIndex={-1}>
          {t("message", { firstName: child.firstName, school: child.schoolName })}
        </p>
      </div>
      <div className={styles.actions}>
        <button type="button" onClick={onRepeat}>
          {t("repeat")}
        </button>
        <Link href="/enfants" className="button secondary">
          {t("seeChildren")}
        </Link>
      </div>
    </div>
  );
}

type MatchFormProps = {
  boards: BoardOption[];
  accountEmail: string;
  defaults: { boardId: string; firstName: string };
  onBoardChange: (boardId: string) => void;
  onAssociated: (child: AssociatedChildData) => void;
};

function MatchForm({ boards, accountEmail, defaults, onBoardChange, onAssociated }: MatchFormProps) {
  const t = useTranslations("associate");
  const message = useMessage();
  const [result, setResult] = useState<Result | null>(null);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<AssociateByMatchInput, unknown, AssociateByMatchValues>({
    resolver: zodResolver(associateByMatchSchema),
    // react-hook-form would focus in registration order (the board picker registers last): focus in reading order.
    shouldFocusError: false,
    defaultValues: {
      boardId: boards.some((b) => String(b.id) === defaults.boardId) ? defaults.boardId : "",
      lastName: "",
      firstName: defaults.firstName,
      birthDate: { day: "", month: "", year: "" },
      identifier: "",
    },
  });
  const errors = form.formState.errors;
  useFocusFirstInvalid(formRef, form.formState.submitCount, Object.keys(errors).length);
  const attempt = useAttempt(attemptPaths.match);

  // The server validates the raw values with the same schema, so it gets them rather than the parsed output.
  const submit = form.handleSubmit(() =>
    startTransition(async () => {
      const outcome = await attempt(form.getValues());
      if (!outcome) return;
      setResult(outcome);
      if (outcome.ok) onAssociated(outcome.data);
    }),
  );

  const birthDateError =
    errors.birthDate?.message ??
    errors.birthDate?.day?.message ??
    errors.birthDate?.month?.message ??
    errors.birthDate?.year?.message ??
    serverFieldError(result, "birthDate", "birthDate.day", "birthDate.month", "birthDate.year");

  return (
    <form method="post" ref={formRef} onSubmit={submit} noValidate className="stack" data-testid="association-form">
      {result && !result.ok && result.error && (
        <AssociationFailure messageKey={result.error} accountEmail={accountEmail} shownFor={result} />
      )}
      <Controller
        control={form.control}
        name="boardId"
        render={({ field, fieldState }) => (
          <BoardPicker
            boards={boards}
            value={field.value}
            onChange={(value) => {
              field.onChange(value);
              onBoardChange(value);
            }}
            onBlur={field.onBlur}
            selectRef={field.ref}
            error={message(fieldState.error?.message ?? serverFieldError(result, "boardId"))}
          />
        )}
      />
      <TextInput
        label={t("fields.lastName")}
        hint={t("fields.lastNameHint")}
        autoComplete="off"
        maxLength={100}
        error={message(errors.lastName?.message ?? serverFieldError(result, "lastName"))}
        {...form.register("lastName")}
      />
      <TextInput
        label={t("fields.firstName")}
        autoComplete="off"
        maxLength={100}
        error={message(errors.firstName?.message ?? serverFieldError(result, "firstName"))}
        {...form.register("firstName")}
      />
      <BirthDateFields register={form.register} error={message(birthDateError)} />
      <TextInput
        label={t("fields.identifier")}
        hint={t("fields.identifierHint")}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={40}
        error={message(errors.identifier?.message ?? serverFieldError(result, "identifier"))}
        {...form.register("identifier")}
      />
      <button type="submit" disabled={pending}>
        {pending ? t("saving") : t("save")}
      </button>
    </form>
  );
}

function NipForm({ accountEmail, onAssociated }: { accountEmail: string; onAssociated: (child: AssociatedChildData) => void }) {
  const t = useTranslations("associate");
  const message = useMessage();
  const [result, setResult] = useState<Result | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<AssociateByNipInput>({ resolver: zodResolver(associateByNipSchema), defaultValues: { nip: "" } });
  const attempt = useAttempt(attemptPaths.nip);

  const submit = form.handleSubmit(() =>
    startTransition(async () => {
      const outcome = await attempt(form.getValues());
      if (!outcome) return;
      setResult(outcome);
      if (outcome.ok) onAssociated(outcome.data);
    }),
  );

  return (
    <form method="post" onSubmit={submit} noValidate className="stack" data-testid="nip-form">
      {result && !result.ok && result.error && (
        <AssociationFailure messageKey={result.error} accountEmail={accountEmail} shownFor={result} />
      )}
      <TextInput
        label={t("fields.nip")}
        hint={t("fields.nipHint")}
        className={styles.nipInput}
        autoComplete="one-time-code"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={40}
        error={message(form.formState.errors.nip?.message ?? serverFieldError(result, "nip"))}
        {...form.register("nip")}
      />
      <button type="submit" disabled={pending}>
        {pending ? t("saving") : t("save")}
      </button>
    </form>
  );
}
