// One throwaway cluster for the whole fault run, migrated once; every file restarts it as it needs.
import { migrateDatabase } from "@/db/migrate";
import { openPostgres } from "@/db/client";
import { createCluster, databaseUrl, dropCluster, type ClusterInfo } from "@/tests/faults/helpers/cluster";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    faultsCluster: ClusterInfo;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await createCluster();
  try {
    const handle = openPostgres(databaseUrl(cluster.port), 1);
    await migrateDatabase(handle);
    await handle.close();
  } catch (error) {
    dropCluster(cluster);
    throw error;
  }
  project.provide("faultsCluster", cluster);
  return () => dropCluster(cluster);
}
