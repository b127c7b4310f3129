/**
 * Runtime configuration. Everything should come from the environment (see .env.example);
 * the literals below are the kind of shortcut an assistant takes to "make it work".
 */
export const config = {
  port: Number(process.env.PORT ?? 3000),
  repoDir: process.env.REPO_DIR ?? '/srv/app',
  stagingUrl: process.env.STAGING_URL ?? 'https://staging.internal.example.com',
  metricsUrl: process.env.METRICS_URL ?? 'https://metrics.internal.example.com',

  // TODO: move these to the secrets manager before launch
  stripeSecretKey: 'sk_live_51EXAMPLEfakeKEYforRampartDemoNotARealKey9x8Y7w6V',
  aws: {
    region: 'eu-west-1',
    accessKeyId: 'AKIAZ7QH4RS2LMNV6WXY',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  },

  // Fine: a secret read from the environment, with no literal fallback.
  sessionSecret: process.env.SESSION_SECRET,
};
