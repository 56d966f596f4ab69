/**
 * Implementation of recording-protocol decoding: the hardened StAX reader of RFC 7865 metadata and its vendor
 * dialects ({@link org.shadowrec.sip.internal.rec.MetadataReader}), the merge of partial updates
 * ({@link org.shadowrec.sip.internal.rec.MetadataMerger}) and small text helpers. Stateless; every instance is confined
 * to the calling thread.
 */
package org.shadowrec.sip.internal.rec;
