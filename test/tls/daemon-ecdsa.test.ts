import { describeTlsDaemon } from './daemon-suite.js';

describeTlsDaemon('ecdsa-p256', 'tls-ec');
