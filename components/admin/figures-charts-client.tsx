"use client";
// Loads the charts in the browser only: they measure their container, which the server cannot do.
import dynamic from "next/dynamic";
import type { FiguresChartsProps } from "@/components/admin/figures-charts";

const FiguresCharts = dynamic(() => import("@/components/admin/figures-charts").then((m) => m.FiguresCharts), {
  ssr: false,
  loading: () => <div className="chart-placeholder" aria-hidden="true" />,
});

export function FiguresChartsClient(props: FiguresChartsProps) {
  return <FiguresCharts {...props} />;
}
