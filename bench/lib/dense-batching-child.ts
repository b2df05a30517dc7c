/**
 * Child process of the dense stage: runs {@link measureDenseBatching} on the JSON input in `DENSE_BATCHING_INPUT`
 * and prints the result as JSON. A child of its own because onnxruntime-node 1.14 corrupts the heap of a
 * process in which several workers that ran a session have been terminated.
 */
import { measureDenseBatching } from './dense-batching.js';

const input = JSON.parse(process.env.DENSE_BATCHING_INPUT ?? '{}') as Parameters<typeof measureDenseBatching>[0];
process.stdout.write(JSON.stringify(await measureDenseBatching(input)));
