import { formatAdminBanner } from './auth/bootstrap-admin.ts';
import { GatewayEnvError, loadGatewayEnv } from './env.ts';
import { startGateway } from './server.ts';

async function main(): Promise<void> {
  const env = loadGatewayEnv();
  const gateway = await startGateway(env);
  if (gateway.bootstrap.created) console.log(formatAdminBanner(gateway.bootstrap, `${gateway.url}/login`));
  // The start script waits for this exact line.
  console.log(`GATEWAY_READY ${gateway.url}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`gateway: ${signal} received, shutting down`);
    // A hung close must not keep the process alive forever.
    setTimeout(() => process.exit(1), 10_000).unref();
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('gateway: error during shutdown', error);
        process.exit(1);
      },
    );
  };
  // `on`, not `once`: tsx exits by itself when no listener remains for a signal.
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof GatewayEnvError ? error.message : error);
  process.exit(1);
});
