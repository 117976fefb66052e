module example.com/twopkgs

go 1.24
