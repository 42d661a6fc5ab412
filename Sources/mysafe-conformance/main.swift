print("mysafe-conformance")
