/**
 * Implementation of the storage API: the Chronicle Queue journal adapters, reader checkpoints, the progressive WAV
 * writer, {@code recording.json} serialisation and crash repair. Not API: nothing outside this module imports it.
 * Thread contracts follow the API type each class implements.
 */
package org.shadowrec.storage.internal;
