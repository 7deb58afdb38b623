package io.camerabridge.tools.bench;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.exceptions.ModbusException;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteSingleCoilRequest;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench plc}: a PLC program over Modbus TCP on its own thread. Every poll it reads slot 0's
 * ResultValid coil; when set and the Sequence registers show a new outcome, it notes the sequence
 * and the wall-clock time it saw it, waits {@code ackAfter} (the PLC's own work) and writes Ack. It
 * counts a sequence that is not above the last one as out of order.
 */
final class ModbusPlcLoop implements AutoCloseable {
  private static final int UNIT = 1;

  private final ModbusTcpClient client;
  private final Duration poll;
  private final Duration ackAfter;
  private final PlcSightings sightings;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile String failure;

  private ModbusPlcLoop(
      ModbusTcpClient client, Duration poll, Duration ackAfter, PlcSightings sightings) {
    this.client = client;
    this.poll = poll;
    this.ackAfter = ackAfter;
    this.sightings = sightings;
    this.thread = new Thread(this::run, "bench-modbus-plc");
    thread.setDaemon(true);
  }

  static ModbusPlcLoop start(int port, Duration poll, Duration ackAfter, PlcSightings sightings)
      throws ModbusException {
    ModbusTcpClient client =
        ModbusTcpClient.create(
            NettyTcpClientTransport.create(cfg -> cfg.setHostname("127.0.0.1").setPort(port)));
    client.connect();
    ModbusPlcLoop loop = new ModbusPlcLoop(client, poll, ackAfter, sightings);
    loop.thread.start();
    return loop;
  }

  /** Why the loop stopped early (a refused or failed request), or null. */
  String failure() {
    return failure;
  }

  private void run() {
    long last = 0;
    try {
      while (running) {
        byte[] coils = client.readCoils(UNIT, new ReadCoilsRequest(0, 1)).coils();
        if ((coils[0] & 1) != 0) {
          long sequence = sequence();
          if (sequence != last) {
            sightings.seen(sequence, PlcSightings.wallNanos());
            last = sequence;
            sleep(ackAfter);
            client.writeSingleCoil(UNIT, new WriteSingleCoilRequest(1, true));
          }
        }
        sleep(poll);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ModbusException | RuntimeException e) {
      if (running) {
        failure = e.toString();
      }
    }
  }

  private long sequence() throws ModbusException {
    byte[] r = client.readHoldingRegisters(UNIT, new ReadHoldingRegistersRequest(0, 4)).registers();
    long value = 0;
    for (byte b : r) {
      value = (value << 8) | (b & 0xFF);
    }
    return value;
  }

  private static void sleep(Duration d) throws InterruptedException {
    if (!d.isZero()) {
      TimeUnit.NANOSECONDS.sleep(d.toNanos());
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
    try {
      client.disconnect();
    } catch (ModbusException e) {
      // The server may be gone already.
    }
  }
}
