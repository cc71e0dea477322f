global using MemoryTun = IpsecTun.Platform.MemoryAdapter;
