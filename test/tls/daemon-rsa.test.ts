import { describeTlsDaemon } from './daemon-suite.js';

describeTlsDaemon('rsa-2048', 'tls-rsa');
