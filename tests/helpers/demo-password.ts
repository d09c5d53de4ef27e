/** The password of every demo account in a test database seeded from the demo template (the demo seed's is random). */
export const TEST_DEMO_PASSWORD = 'test-demo-password-7f3c';

/** The PUBLIC_URL the demo template is seeded with: its mails link there, so a test can tell it from the default. */
export const TEST_DEMO_PUBLIC_URL = 'https://samverka.demo.example';
