Console.WriteLine("tiled");
