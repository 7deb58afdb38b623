"""An independent Modbus TCP peer for ModbusPymodbusTest: Debian's python3-pymodbus acting as a PLC.

Usage: pymodbus_peer.py HOST PORT UNIT_ID
Runs the PLC side of the handshake against slot 0 and prints one JSON object with what it saw.
"""
import json
import sys
import time

from pymodbus.client import ModbusTcpClient


def main():
    host, port, unit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    client = ModbusTcpClient(host, port=port, timeout=5)
    if not client.connect():
        print(json.dumps({"error": "cannot connect"}))
        return 1
    seen = {}
    seen["registers"] = registers(client, 0, 16, unit)
    seen["coils"] = client.read_coils(0, 8, slave=unit).bits[:8]
    # PartId 305419896 = 0x12345678: most significant word first, one write of both registers.
    seen["writePartId"] = answer(client.write_registers(14, [0x1234, 0x5678], slave=unit))
    seen["writeRecipe"] = answer(client.write_register(13, 7, slave=unit))
    seen["ack"] = answer(client.write_coil(1, True, slave=unit))
    seen["resultValidAfterAck"] = wait_result_valid_cleared(client, unit)
    seen["trigger"] = answer(client.write_coil(2, True, slave=unit))
    seen["triggerReadBack"] = client.read_coils(2, 1, slave=unit).bits[0]
    seen["partAndRecipe"] = registers(client, 13, 3, unit)
    seen["writeResultValid"] = answer(client.write_coil(0, True, slave=unit))
    seen["writeSequence"] = answer(client.write_register(0, 1, slave=unit))
    seen["readOutsideSlots"] = answer(client.read_holding_registers(16, 1, slave=unit))
    seen["wrongUnit"] = answer(client.read_holding_registers(0, 1, slave=(unit + 1) % 248))
    client.close()
    print(json.dumps(seen))
    return 0


def registers(client, address, count, unit):
    response = client.read_holding_registers(address, count, slave=unit)
    if response.isError():
        return answer(response)
    return response.registers


def answer(response):
    """ok, or the exception code a refused request got."""
    if response.isError():
        return "exception %d" % getattr(response, "exception_code", -1)
    return "ok"


def wait_result_valid_cleared(client, unit):
    for _ in range(500):
        if not client.read_coils(0, 1, slave=unit).bits[0]:
            return False
        time.sleep(0.01)
    return True


if __name__ == "__main__":
    sys.exit(main())
