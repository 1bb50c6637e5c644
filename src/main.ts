import { BACKUP_USAGE, runBackupCommand } from "./backup/backupCommands.ts";
import { loadConfig } from "./config.ts";
import { createLogger } from "./logger.ts";
import { startParley } from "./parley.ts";
import { openDatabase } from "./store/database.ts";

const USAGE = `Usage: node src/main.ts <command>
  start      serve the API and UI and run workers (roles from PARLEY_ROLES, default server,worker;
             demo traffic from the simulator unless PARLEY_DEMO=0)
  migrate    apply database migrations and exit
  simulate   run the platform simulator alone (fake Telegram and VK APIs + customer traffic)
${BACKUP_USAGE}`;

async function main(command: string | undefined): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  switch (command) {
    case "start": {
      const parley = await startParley(config, log);
      if (parley.bootstrap.generatedPassword) {
        // Printed once, on the console only: it is never stored in clear.
        console.log(
          `\n  First admin created: ${config.adminEmail} / ${parley.bootstrap.generatedPassword}\n  Change it under My account after signing in.\n`,
        );
      }
      let stopDemo: (() => Promise<void>) | null = null;
      if (config.demo && config.roles.has("simulator")) {
        const { startDemo } = await import("./simulator/demo.ts");
        stopDemo = await startDemo(parley, config, log);
      }
      console.log(`  Parley is running at ${config.publicUrl} (database: ${parley.database.kind})`);
      const shutdown = async () => {
        await stopDemo?.();
        await parley.stop();
        process.exit(0);
      };
      process.once("SIGINT", () => void shutdown());
      process.once("SIGTERM", () => void shutdown());
      return;
    }
    case "migrate": {
      const database = await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        preparedStatements: config.preparedStatements,
      });
      await database.migrate();
      await database.close();
      console.log("migrations applied");
      return;
    }
    case "simulate": {
      const { runStandaloneSimulator } = await import("./simulator/demo.ts");
      await runStandaloneSimulator(config, log);
      return;
    }
    case "backup":
    case "restore":
    case "move-to-postgres":
      await runBackupCommand(command, process.argv.slice(3), config);
      return;
    default:
      console.error(USAGE);
      process.exitCode = command ? 1 : 0;
  }
}

main(process.argv[2]).catch((err) => {
  console.error(err);
  process.exit(1);
});
