"use client";
// A live "mm:ss" countdown to a moment; calls onDone once when it reaches zero.
import { useEffect, useState } from "react";

export function secondsLeft(until: string | Date, now = Date.now()) {
  return Math.max(0, Math.ceil((new Date(until).getTime() - now) / 1000));
}

export function formatDuration(seconds: number) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${s.toString().padStart(2, "0")}`;
}

export function useSecondsLeft(until: string | Date, onDone?: () => void) {
  const [left, setLeft] = useState(() => secondsLeft(until));
  useEffect(() => {
    setLeft(secondsLeft(until));
    const timer = setInterval(() => {
      const next = secondsLeft(until);
      setLeft(next);
      if (next === 0) {
        clearInterval(timer);
        onDone?.();
      }
    }, 1000);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [String(until)]);
  return left;
}

export function Countdown({ until, onDone }: { until: string | Date; onDone?: () => void }) {
  const left = useSecondsLeft(until, onDone);
  return <span aria-live="off">{formatDuration(left)}</span>;
}
