import { stringList } from '../../policy/checks/support/params.js';
import { defineDaemonCheck } from '../types.js';

export const check = defineDaemonCheck<{ localDrivers: string[] }>({
  id: 'daemon-centralized-logging',
  title: 'Container logs go to a central log system',
  description:
    'With a local log driver (json-file, local) container logs live only on the host: an attacker who gets there can erase them, and they are gone with the host. A remote driver (syslog, journald forwarding, fluentd, gelf, ...) keeps them elsewhere.',
  severity: 'low',
  refs: { cis: '2.13' },
  fix: { dockerd: '--log-driver=syslog --log-opt syslog-address=tcp://LOGHOST:514 (or fluentd, gelf, journald)', daemonJson: '"log-driver": "syslog", "log-opts": {"syslog-address": "tcp://LOGHOST:514"}' },
  params: {
    type: 'object',
    properties: { localDrivers: stringList('Log drivers that keep logs on the host only.') },
    additionalProperties: false,
  },
  defaults: { localDrivers: ['json-file', 'local'] },
  evaluate(facts, params) {
    const driver = facts.engine.loggingDriver;
    if (!params.localDrivers.includes(driver)) return [];
    return [{ message: `logs containers with the ${driver} driver, which keeps logs only on the host`, evidence: { loggingDriver: driver } }];
  },
});
