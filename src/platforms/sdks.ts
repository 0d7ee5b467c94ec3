import { createRequire } from 'node:module';
import type * as Lark from '@larksuiteoapi/node-sdk';
import type * as WeCom from '@wecom/aibot-node-sdk';

// The platforms' SDKs load the first time a configured platform uses one, not at start: the Lark
// SDK alone costs ~0.4–0.9 s and ~65–85 MB, for a bot that may run without Feishu (issue 14).
// Both are CommonJS packages, so a synchronous require keeps the constructors that use them
// synchronous; it returns the same instance an `import` of the package would.
const require = createRequire(import.meta.url);

export const larkSdk = (): typeof Lark => require('@larksuiteoapi/node-sdk') as typeof Lark;
export const wecomSdk = (): typeof WeCom => require('@wecom/aibot-node-sdk') as typeof WeCom;
