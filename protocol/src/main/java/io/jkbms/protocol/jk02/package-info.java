/**
 * JK02, the Bluetooth protocol of JK BMS boards (protocols.md §1, §4, §5), in both frame layouts
 * ({@link io.jkbms.protocol.jk02.Jk02Layout}: 24S for software below 11, 32S from 11 on, which every BD4A runs).
 * <ul>
 *   <li>{@link io.jkbms.protocol.jk02.Jk02Reassembler} cuts notifications or a byte stream into 300-byte frames and
 *       20-byte commands, resynchronising on header, checksum and type;</li>
 *   <li>{@link io.jkbms.protocol.jk02.Jk02Codec} decodes and encodes the frames the BMS sends: device info
 *       ({@link io.jkbms.protocol.jk02.Jk02DeviceInfo}), settings ({@link io.jkbms.protocol.jk02.Jk02Settings}) and
 *       cell info ({@link io.jkbms.protocol.jk02.Jk02CellInfo}), in wire units;</li>
 *   <li>{@link io.jkbms.protocol.jk02.Jk02Command} is the 20-byte command a client writes (and the BMS's ACK), with
 *       the write registers in {@link io.jkbms.protocol.jk02.Jk02Register};</li>
 *   <li>{@link io.jkbms.protocol.jk02.Jk02Mapping} connects all that to core: telemetry and settings to frames, a
 *       settings frame to a {@code SettingsPatch}, a setting change to commands, a received command to a
 *       {@link io.jkbms.protocol.jk02.Jk02Request}; alarm bits are in {@link io.jkbms.protocol.jk02.Jk02ErrorBit}.</li>
 * </ul>
 * Pure code: no I/O, no threads, no clocks. Decoders throw only {@link io.jkbms.protocol.CodecException}.
 */
package io.jkbms.protocol.jk02;
